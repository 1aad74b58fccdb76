/**
 * Per-language node tables for the metrics walk. The walk itself is generic;
 * everything that differs between grammars (node type names, which operators
 * are logical, which cases count) lives here so a new language is one table.
 */
import type { LanguageId } from '../document';

/** What a node means to the metrics walk. */
export type Role =
  | 'function'
  | 'class'
  | 'if'
  | 'elseIfClause'
  | 'elseClause'
  | 'loop'
  | 'switch'
  | 'case'
  | 'catch'
  | 'try'
  | 'ternary'
  | 'logical'
  | 'jump'
  | 'goto'
  | 'call'
  | 'comment'
  | 'assert'
  | 'compFor'
  | 'compIf'
  | 'defaultValue'
  | 'optionalChain'
  | 'logicalAssign'
  | 'detached'
  | 'debugger';

/** Grammar family: selects the few behaviours that are not table-driven. */
export type Family = 'js' | 'python' | 'java' | 'go' | 'php';

/** Everything the walk needs to know about one grammar. */
export interface LanguageSpec {
  readonly family: Family;
  readonly roles: ReadonlyMap<string, Role>;
  /** Loop node type → increment label. */
  readonly loopKinds: Readonly<Record<string, string>>;
  /**
   * Logical operators that form Cognitive Complexity sequences, mapped to a
   * canonical spelling (PHP `and` and `&&` are the same operator).
   */
  readonly cognitiveOperators: ReadonlyMap<string, string>;
  /** Operators that each add one cyclomatic decision. */
  readonly cyclomaticOperators: ReadonlySet<string>;
  /** Child field names of a switch node that are its header (not nested). */
  readonly switchHeaderFields: ReadonlySet<string>;
  /** Label used for the switch increment per node type (`switch`, `match`, `select`). */
  readonly switchKinds: Readonly<Record<string, string>>;
  /** Word used in messages for catch clauses. */
  readonly catchWord: string;
  /** Decision points inside a lambda also count for the enclosing function (radon's Python convention). */
  readonly lambdaCyclomaticToParent: boolean;
  /** Node types that are lambdas (anonymous expression functions). */
  readonly lambdaTypes: ReadonlySet<string>;
  /**
   * Text that every node the walk cares about contains (keywords, operators,
   * comment openers, debug-print names). A subtree whose text has none of
   * these is skipped without being entered: the soundness condition is that
   * the last character of some match lies inside each counted construct.
   * Must be global (and multiline when it uses `^`).
   */
  readonly triggers: RegExp;
  /** Containers that are always entered, children included (methods need no keyword; parameter defaults no trigger). */
  readonly containers: ReadonlySet<string>;
  /**
   * When set, a container whose text holds neither a trigger nor this
   * character is skipped after all (JS: a default value needs `=`, and
   * everything else counted in a parameter list, pattern or class body has
   * a trigger). Unset where a container may hold uncounted-looking functions
   * (Java's abstract methods in `enum_body_declarations`).
   */
  readonly containerMark?: string;
  /** Named node types that never have children worth visiting. */
  readonly leaves: ReadonlySet<string>;
  /** Whether a file may contain debug output at all (a cheap whole-text prefilter). */
  readonly debugNames: RegExp;
}

function roles(entries: Record<Role, readonly string[]>): ReadonlyMap<string, Role> {
  const m = new Map<string, Role>();
  for (const [role, types] of Object.entries(entries) as [Role, readonly string[]][]) for (const t of types) m.set(t, role);
  return m;
}

const NONE: readonly string[] = [];

const JS: LanguageSpec = {
  family: 'js',
  roles: roles({
    function: ['function_declaration', 'function_expression', 'function', 'arrow_function', 'generator_function', 'generator_function_declaration', 'method_definition'],
    class: ['class_declaration', 'class', 'abstract_class_declaration'],
    if: ['if_statement'],
    elseIfClause: NONE,
    elseClause: ['else_clause'],
    loop: ['for_statement', 'for_in_statement', 'while_statement', 'do_statement'],
    switch: ['switch_statement'],
    case: ['switch_case'],
    catch: ['catch_clause'],
    try: NONE,
    ternary: ['ternary_expression'],
    logical: ['binary_expression'],
    jump: ['break_statement', 'continue_statement'],
    goto: NONE,
    call: ['call_expression'],
    comment: ['comment', 'html_comment'],
    assert: NONE,
    compFor: NONE,
    compIf: NONE,
    defaultValue: ['assignment_pattern', 'object_assignment_pattern', 'required_parameter', 'optional_parameter'],
    optionalChain: ['optional_chain'],
    logicalAssign: ['augmented_assignment_expression'],
    detached: ['field_definition', 'public_field_definition', 'class_static_block'],
    debugger: ['debugger_statement'],
  }),
  loopKinds: { for_statement: 'for', for_in_statement: 'for', while_statement: 'while', do_statement: 'do while' },
  cognitiveOperators: new Map([['&&', '&&'], ['||', '||'], ['??', '??']]),
  cyclomaticOperators: new Set(['&&', '||', '??']),
  switchHeaderFields: new Set(['value']),
  switchKinds: { switch_statement: 'switch' },
  catchWord: 'catch',
  lambdaCyclomaticToParent: false,
  lambdaTypes: new Set(['arrow_function']),
  // The `)` of `) {` / `): T {` (a lookahead, so no other trigger is swallowed) reaches object-literal methods; the bracket ending `const {`/`let [` or a
  // line's leading `[`/`(` reaches destructuring patterns. Parameter lists and patterns are containers, so default
  // values (`a = 1`, cyclomatic decisions) inside them are always visited.
  triggers:
    /\b(?:if|else|for|while|do|switch|case|catch|break|continue|debugger|function|class|console)\b|=>|\?|&&|\|\||\)(?=\s*(?::[^;{}()=]*)?\{)|\b(?:const|let|var)\s*[{[]|^[ \t]*[[(]|\/\/|\/\*|<!--/gm,
  containers: new Set(['class_body', 'formal_parameters', 'object_pattern', 'array_pattern', 'pair_pattern']),
  containerMark: '=',
  debugNames: /\bconsole\s*\./,
  leaves: new Set(['identifier', 'property_identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern', 'private_property_identifier', 'statement_identifier', 'type_identifier', 'predefined_type', 'number', 'string_fragment', 'escape_sequence', 'regex_pattern', 'regex_flags', 'this', 'super', 'true', 'false', 'null', 'undefined', 'jsx_text', 'hash_bang_line', 'html_character_reference']),
};

const PYTHON: LanguageSpec = {
  family: 'python',
  roles: roles({
    function: ['function_definition', 'lambda'],
    class: ['class_definition'],
    if: ['if_statement'],
    elseIfClause: ['elif_clause'],
    elseClause: ['else_clause'],
    loop: ['for_statement', 'while_statement'],
    switch: ['match_statement'],
    case: ['case_clause'],
    catch: ['except_clause', 'except_group_clause'],
    try: ['try_statement'],
    ternary: ['conditional_expression'],
    logical: ['boolean_operator'],
    jump: NONE,
    goto: NONE,
    call: ['call'],
    comment: ['comment'],
    assert: ['assert_statement'],
    compFor: ['for_in_clause'],
    compIf: ['if_clause'],
    defaultValue: NONE,
    optionalChain: NONE,
    logicalAssign: NONE,
    detached: NONE,
    debugger: NONE,
  }),
  loopKinds: { for_statement: 'for', while_statement: 'while' },
  cognitiveOperators: new Map([['and', 'and'], ['or', 'or']]),
  cyclomaticOperators: new Set(['and', 'or']),
  switchHeaderFields: new Set(['subject']),
  switchKinds: { match_statement: 'match' },
  catchWord: 'except',
  lambdaCyclomaticToParent: true,
  lambdaTypes: new Set(['lambda']),
  triggers: /\b(?:if|elif|else|for|while|try|except|match|case|and|or|lambda|def|class|assert|print|pprint|breakpoint|set_trace)\b|#/g,
  containers: new Set(),
  debugNames: /\b(?:print|pprint|breakpoint|set_trace)\b/,
  leaves: new Set(['identifier', 'integer', 'float', 'true', 'false', 'none', 'string_start', 'string_content', 'string_end', 'escape_sequence', 'keyword_identifier', 'ellipsis']),
};

const JAVA: LanguageSpec = {
  family: 'java',
  roles: roles({
    function: ['method_declaration', 'constructor_declaration', 'compact_constructor_declaration', 'lambda_expression'],
    class: ['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration'],
    if: ['if_statement'],
    elseIfClause: NONE,
    elseClause: NONE,
    loop: ['for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement'],
    switch: ['switch_expression', 'switch_statement'],
    case: ['switch_label'],
    catch: ['catch_clause'],
    try: NONE,
    ternary: ['ternary_expression'],
    logical: ['binary_expression'],
    jump: ['break_statement', 'continue_statement'],
    goto: NONE,
    call: ['method_invocation'],
    comment: ['line_comment', 'block_comment', 'comment'],
    assert: NONE,
    compFor: NONE,
    compIf: NONE,
    defaultValue: NONE,
    optionalChain: NONE,
    logicalAssign: NONE,
    detached: NONE,
    debugger: NONE,
  }),
  loopKinds: { for_statement: 'for', enhanced_for_statement: 'for', while_statement: 'while', do_statement: 'do while' },
  cognitiveOperators: new Map([['&&', '&&'], ['||', '||']]),
  cyclomaticOperators: new Set(['&&', '||']),
  switchHeaderFields: new Set(['condition']),
  switchKinds: { switch_expression: 'switch', switch_statement: 'switch' },
  catchWord: 'catch',
  lambdaCyclomaticToParent: false,
  lambdaTypes: new Set(['lambda_expression']),
  triggers: /\b(?:if|else|for|while|do|switch|case|catch|break|continue|System|printStackTrace)\b|->|\?|&&|\|\||\{|\/\/|\/\*/g,
  containers: new Set(['class_body', 'interface_body', 'enum_body', 'enum_body_declarations']),
  debugNames: /\bSystem\s*\.\s*(?:out|err)\b|\bprintStackTrace\b/,
  leaves: new Set(['identifier', 'type_identifier', 'field_identifier', 'decimal_integer_literal', 'hex_integer_literal', 'octal_integer_literal', 'binary_integer_literal', 'decimal_floating_point_literal', 'hex_floating_point_literal', 'character_literal', 'string_fragment', 'escape_sequence', 'true', 'false', 'null_literal', 'this', 'super', 'integral_type', 'floating_point_type', 'boolean_type', 'void_type']),
};

const GO: LanguageSpec = {
  family: 'go',
  roles: roles({
    function: ['function_declaration', 'method_declaration', 'func_literal'],
    class: NONE,
    if: ['if_statement'],
    elseIfClause: NONE,
    elseClause: NONE,
    loop: ['for_statement'],
    switch: ['expression_switch_statement', 'type_switch_statement', 'select_statement'],
    case: ['expression_case', 'type_case', 'communication_case'],
    catch: NONE,
    try: NONE,
    ternary: NONE,
    logical: ['binary_expression'],
    jump: ['break_statement', 'continue_statement'],
    goto: ['goto_statement'],
    call: ['call_expression'],
    comment: ['comment'],
    assert: NONE,
    compFor: NONE,
    compIf: NONE,
    defaultValue: NONE,
    optionalChain: NONE,
    logicalAssign: NONE,
    detached: NONE,
    debugger: NONE,
  }),
  loopKinds: { for_statement: 'for' },
  cognitiveOperators: new Map([['&&', '&&'], ['||', '||']]),
  cyclomaticOperators: new Set(['&&', '||']),
  switchHeaderFields: new Set(['value', 'initializer', 'alias']),
  switchKinds: { expression_switch_statement: 'switch', type_switch_statement: 'switch', select_statement: 'select' },
  catchWord: 'catch',
  lambdaCyclomaticToParent: false,
  lambdaTypes: new Set(['func_literal']),
  triggers: /\b(?:func|if|else|for|switch|select|case|break|continue|goto|fmt|print|println)\b|&&|\|\||\/\/|\/\*/g,
  containers: new Set(),
  debugNames: /\b(?:fmt\s*\.\s*Print(?:f|ln)?|println|print)\b/,
  leaves: new Set(['identifier', 'field_identifier', 'type_identifier', 'package_identifier', 'label_name', 'int_literal', 'float_literal', 'imaginary_literal', 'rune_literal', 'raw_string_literal', 'interpreted_string_literal_content', 'escape_sequence', 'true', 'false', 'nil', 'iota', 'blank_identifier']),
};

const PHP: LanguageSpec = {
  family: 'php',
  roles: roles({
    function: ['function_definition', 'method_declaration', 'anonymous_function', 'anonymous_function_creation_expression', 'arrow_function'],
    class: ['class_declaration', 'trait_declaration', 'interface_declaration', 'enum_declaration'],
    if: ['if_statement'],
    elseIfClause: ['else_if_clause'],
    elseClause: ['else_clause'],
    loop: ['for_statement', 'foreach_statement', 'while_statement', 'do_statement'],
    switch: ['switch_statement', 'match_expression'],
    case: ['case_statement', 'match_conditional_expression'],
    catch: ['catch_clause'],
    try: NONE,
    ternary: ['conditional_expression'],
    logical: ['binary_expression'],
    jump: ['break_statement', 'continue_statement'],
    goto: ['goto_statement'],
    call: ['function_call_expression', 'member_call_expression', 'scoped_call_expression'],
    comment: ['comment'],
    assert: NONE,
    compFor: NONE,
    compIf: NONE,
    defaultValue: NONE,
    optionalChain: NONE,
    logicalAssign: NONE,
    detached: NONE,
    debugger: NONE,
  }),
  loopKinds: { for_statement: 'for', foreach_statement: 'foreach', while_statement: 'while', do_statement: 'do while' },
  cognitiveOperators: new Map([['&&', '&&'], ['and', '&&'], ['||', '||'], ['or', '||'], ['xor', 'xor']]),
  cyclomaticOperators: new Set(['&&', '||', 'and', 'or', 'xor']),
  switchHeaderFields: new Set(['condition']),
  switchKinds: { switch_statement: 'switch', match_expression: 'match' },
  catchWord: 'catch',
  lambdaCyclomaticToParent: false,
  lambdaTypes: new Set(['arrow_function', 'anonymous_function', 'anonymous_function_creation_expression']),
  triggers: /\b(?:function|fn|if|elseif|else|for|foreach|while|do|switch|case|match|catch|break|continue|goto|and|or|xor|var_dump|print_r|var_export|dd|dump|debug_zval_dump|debug_print_backtrace)\b|\?|&&|\|\||\{|\/\/|\/\*|#/gi,
  containers: new Set(['declaration_list', 'enum_declaration_list']),
  debugNames: /\b(?:var_dump|print_r|var_export|dd|dump|debug_zval_dump|debug_print_backtrace)\b/i,
  leaves: new Set(['name', 'integer', 'float', 'string_content', 'escape_sequence', 'boolean', 'null', 'text', 'primitive_type', 'visibility_modifier']),
};

const SPECS: Partial<Record<LanguageId, LanguageSpec>> = {
  javascript: JS,
  javascriptreact: JS,
  typescript: JS,
  typescriptreact: JS,
  python: PYTHON,
  java: JAVA,
  go: GO,
  php: PHP,
};

/** The metrics table for a language, or undefined when the review engine does not support it. */
export function specFor(languageId: LanguageId): LanguageSpec | undefined {
  return SPECS[languageId];
}
