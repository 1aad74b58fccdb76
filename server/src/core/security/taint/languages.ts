/**
 * What the taint analyser and the `not-constant` condition need to know about
 * each grammar's node types. Rules (sources, sinks, sanitizers) are data in
 * YAML; the meaning of assignments, branches and literals is language
 * semantics and lives here, once per grammar.
 */
import type { Node } from 'web-tree-sitter';
import type { GrammarName } from '../../parsing/grammars';

/** How to read an assignment-like node: which fields hold the target and the value. */
export interface AssignShape {
  readonly left: string;
  readonly right: string;
  /** `x += v` keeps the old taint of x. */
  readonly augmented?: boolean;
}

/** Node-type knowledge for one grammar. */
export interface LangSpec {
  /** Nodes that open a function scope (their body runs later, on its own state). */
  readonly functions: ReadonlySet<string>;
  /** Variable references. */
  readonly variables: ReadonlySet<string>;
  /** Nodes that bind a name inside a declaration target or a parameter list. */
  readonly bindings: ReadonlySet<string>;
  readonly assignments: Readonly<Record<string, AssignShape>>;
  /** Member access nodes → field holding the object (`a` in `a.b`). */
  readonly members: Readonly<Record<string, string>>;
  /** Subscript nodes → field holding the container; the index never taints the result (allow-list lookups). */
  readonly subscripts: Readonly<Record<string, string>>;
  /** Call nodes → field holding the callee (for helper summaries and receivers). */
  readonly calls: Readonly<Record<string, string>>;
  readonly ifs: ReadonlySet<string>;
  /** `elif` / `else if` clauses that carry their own condition. */
  readonly elseIfs: ReadonlySet<string>;
  readonly loops: ReadonlySet<string>;
  /** Alternative arms (switch cases, catch clauses): each starts from the state before the first arm. */
  readonly arms: ReadonlySet<string>;
  /** Statements after which the rest of a block is unreachable. */
  readonly terminators: ReadonlySet<string>;
  /** Literal node types that never carry taint. */
  readonly literals: ReadonlySet<string>;
  /** String node types, constant unless they contain one of `interpolations`. */
  readonly strings: ReadonlySet<string>;
  readonly interpolations: ReadonlySet<string>;
  /** Binary nodes whose operator is a comparison produce a clean boolean. */
  readonly binaries: ReadonlySet<string>;
  /** Child fields that are names, types or conditions rather than values. */
  readonly skipFields: ReadonlySet<string>;
  /** Parenthesised / negation wrappers: type → whether it negates. */
  readonly wrappers: Readonly<Record<string, boolean>>;
  /** Call names that end a path (process exit, framework aborts). */
  readonly exits: RegExp;
  /** Method names (called on a receiver) whose result is a number or boolean in every common API, so it carries no taint. */
  readonly scalarCalls: RegExp;
  /** `/` on two integers truncates (Java, Go), for constant folding. */
  readonly intDivision: boolean;
  /**
   * Whether a parameter binding can carry text a caller controls, for the
   * built-in `function-parameter` source of audit rules (matcher.ts).
   */
  readonly auditParameter: (binding: Node) => boolean;
}

const ANY_PARAMETER = (): boolean => true;

/** Java parameters that can carry text: a request, a number or a date is covered by other sources or cannot inject. */
const JAVA_TEXT_TYPE = /^(String|CharSequence|Object|String\[\]|(List|Collection|Iterable)<String>)$/;

/** Matches no name at all (not even the empty one). */
const NONE = /[^\s\S]/;

// Logical operators are not here: `a || b` and `a or b` evaluate to one of their operands, not to a boolean.
const COMPARISON = new Set(['==', '===', '!=', '!==', '<', '>', '<=', '>=', 'in', 'not in', 'is', 'is not', 'instanceof', '<>', '<=>']);

/** True when a binary node's operator is a comparison or logical operator. */
export function isComparison(node: Node): boolean {
  const op = node.childForFieldName('operator');
  if (op) return COMPARISON.has(op.text);
  for (let i = 0; i < node.childCount; i++) {
    const c = node.child(i)!;
    if (!c.isNamed && COMPARISON.has(c.type)) return true;
  }
  return false;
}

const s = (...xs: string[]): ReadonlySet<string> => new Set(xs);

const JS: LangSpec = {
  functions: s('function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function', 'generator_function_declaration', 'function'),
  variables: s('identifier'),
  bindings: s('identifier', 'shorthand_property_identifier_pattern'),
  assignments: {
    variable_declarator: { left: 'name', right: 'value' },
    assignment_expression: { left: 'left', right: 'right' },
    augmented_assignment_expression: { left: 'left', right: 'right', augmented: true },
    for_in_statement: { left: 'left', right: 'right' },
  },
  members: { member_expression: 'object' },
  subscripts: { subscript_expression: 'object' },
  calls: { call_expression: 'function', new_expression: 'constructor' },
  ifs: s('if_statement'),
  elseIfs: s(),
  loops: s('for_statement', 'for_in_statement', 'while_statement', 'do_statement'),
  arms: s('switch_case', 'switch_default', 'catch_clause'),
  terminators: s('return_statement', 'throw_statement', 'break_statement', 'continue_statement'),
  literals: s('number', 'true', 'false', 'null', 'undefined', 'regex', 'string'),
  strings: s('template_string'),
  interpolations: s('template_substitution'),
  binaries: s('binary_expression'),
  skipFields: s('property', 'type', 'return_type', 'condition', 'decorator', 'type_arguments', 'key'),
  wrappers: { parenthesized_expression: false, unary_expression: true, non_null_expression: false, as_expression: false, satisfies_expression: false },
  exits: /^(process\.exit|next)$/,
  scalarCalls: NONE,
  intDivision: false,
  auditParameter: ANY_PARAMETER,
};

const PY: LangSpec = {
  functions: s('function_definition', 'lambda'),
  variables: s('identifier'),
  bindings: s('identifier'),
  assignments: {
    assignment: { left: 'left', right: 'right' },
    augmented_assignment: { left: 'left', right: 'right', augmented: true },
    for_statement: { left: 'left', right: 'right' },
    named_expression: { left: 'name', right: 'value' },
  },
  members: { attribute: 'object' },
  subscripts: { subscript: 'value' },
  calls: { call: 'function' },
  ifs: s('if_statement'),
  elseIfs: s('elif_clause'),
  loops: s('for_statement', 'while_statement'),
  // tree-sitter-python 0.23 parses `except* E:` as its own `except_group_clause` (0.25 folds it into `except_clause`).
  arms: s('except_clause', 'except_group_clause', 'case_clause'),
  terminators: s('return_statement', 'raise_statement', 'break_statement', 'continue_statement'),
  literals: s('integer', 'float', 'true', 'false', 'none'),
  strings: s('string', 'concatenated_string'),
  interpolations: s('interpolation'),
  binaries: s('comparison_operator', 'boolean_operator'),
  skipFields: s('attribute', 'name', 'type', 'return_type', 'condition'),
  wrappers: { parenthesized_expression: false, not_operator: true },
  exits: /^(abort|flask\.abort|sys\.exit|exit)$/,
  // str predicates and counts, hash digests in hex, path tests (`find`/`index` also name element lookups, so they are not here).
  scalarCalls: /^(count|rfind|rindex|startswith|endswith|isdigit|isalnum|isalpha|isnumeric|isdecimal|isidentifier|isspace|isupper|islower|istitle|hexdigest|bit_length|exists|is_file|is_dir)$/,
  intDivision: false,
  auditParameter: (b) => b.text !== 'self' && b.text !== 'cls',
};

const JAVA: LangSpec = {
  functions: s('method_declaration', 'constructor_declaration', 'lambda_expression'),
  variables: s('identifier'),
  bindings: s('identifier'),
  assignments: {
    variable_declarator: { left: 'name', right: 'value' },
    assignment_expression: { left: 'left', right: 'right' },
    enhanced_for_statement: { left: 'name', right: 'value' },
  },
  members: { field_access: 'object' },
  subscripts: { array_access: 'array' },
  calls: { method_invocation: 'object', object_creation_expression: 'type' },
  ifs: s('if_statement'),
  elseIfs: s(),
  loops: s('for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement'),
  arms: s('switch_block_statement_group', 'switch_rule', 'catch_clause'),
  terminators: s('return_statement', 'throw_statement', 'break_statement', 'continue_statement'),
  literals: s('decimal_integer_literal', 'hex_integer_literal', 'octal_integer_literal', 'binary_integer_literal', 'decimal_floating_point_literal',
    'hex_floating_point_literal', 'true', 'false', 'null_literal', 'character_literal', 'class_literal'),
  strings: s('string_literal'),
  interpolations: s('string_interpolation'),
  binaries: s('binary_expression', 'instanceof_expression'),
  skipFields: s('name', 'field', 'type', 'type_arguments', 'condition', 'dimensions'),
  wrappers: { parenthesized_expression: false, unary_expression: true, cast_expression: false },
  exits: /^(System\.exit)$/,
  // String/collection sizes and searches, comparisons, stream reads and JDBC update counts.
  scalarCalls: /^(length|size|isEmpty|indexOf|lastIndexOf|hashCode|compareTo|compareToIgnoreCase|equals|equalsIgnoreCase|contains|containsKey|startsWith|endsWith|matches|exists|read|getLength|executeUpdate|executeLargeUpdate|executeBatch|batchUpdate|update)$/,
  intDivision: true,
  auditParameter: (b) => JAVA_TEXT_TYPE.test(b.parent?.childForFieldName('type')?.text ?? ''),
};

const GO: LangSpec = {
  functions: s('function_declaration', 'method_declaration', 'func_literal'),
  variables: s('identifier'),
  bindings: s('identifier'),
  assignments: {
    short_var_declaration: { left: 'left', right: 'right' },
    assignment_statement: { left: 'left', right: 'right' },
    var_spec: { left: 'name', right: 'value' },
    const_spec: { left: 'name', right: 'value' },
    range_clause: { left: 'left', right: 'right' },
  },
  members: { selector_expression: 'operand' },
  subscripts: { index_expression: 'operand' },
  calls: { call_expression: 'function' },
  ifs: s('if_statement'),
  elseIfs: s(),
  loops: s('for_statement'),
  arms: s('expression_case', 'default_case', 'type_case', 'communication_case'),
  terminators: s('return_statement', 'break_statement', 'continue_statement', 'goto_statement'),
  literals: s('int_literal', 'float_literal', 'imaginary_literal', 'rune_literal', 'true', 'false', 'nil', 'interpreted_string_literal', 'raw_string_literal'),
  strings: s(),
  interpolations: s(),
  binaries: s('binary_expression'),
  skipFields: s('field', 'type', 'result', 'condition', 'package'),
  wrappers: { parenthesized_expression: false, unary_expression: true },
  exits: /^(panic|os\.Exit|log\.Fatal|log\.Fatalf|log\.Panic)$/,
  scalarCalls: NONE,
  intDivision: true,
  auditParameter: ANY_PARAMETER,
};

const PHP: LangSpec = {
  functions: s('function_definition', 'method_declaration', 'anonymous_function', 'arrow_function'),
  variables: s('variable_name'),
  bindings: s('variable_name'),
  assignments: {
    assignment_expression: { left: 'left', right: 'right' },
    augmented_assignment_expression: { left: 'left', right: 'right', augmented: true },
    reference_assignment_expression: { left: 'left', right: 'right' },
  },
  members: { member_access_expression: 'object', nullsafe_member_access_expression: 'object' },
  subscripts: { subscript_expression: '' },
  calls: { function_call_expression: 'function', member_call_expression: 'object', scoped_call_expression: 'scope', object_creation_expression: '' },
  ifs: s('if_statement'),
  elseIfs: s('else_if_clause'),
  loops: s('for_statement', 'foreach_statement', 'while_statement', 'do_statement'),
  arms: s('case_statement', 'default_statement', 'catch_clause'),
  terminators: s('return_statement', 'break_statement', 'continue_statement', 'exit_statement'),
  literals: s('integer', 'float', 'boolean', 'null', 'string', 'nowdoc'),
  strings: s('encapsed_string', 'heredoc'),
  interpolations: s('variable_name', 'member_access_expression', 'subscript_expression', 'dynamic_variable_name'),
  binaries: s('binary_expression'),
  skipFields: s('name', 'type', 'return_type', 'condition'),
  wrappers: { parenthesized_expression: false, unary_op_expression: true, cast_expression: false },
  exits: /^(exit|die|abort)$/,
  scalarCalls: NONE,
  intDivision: false,
  auditParameter: ANY_PARAMETER,
};

const SPECS: Readonly<Record<GrammarName, LangSpec>> = { javascript: JS, typescript: JS, tsx: JS, python: PY, java: JAVA, go: GO, php: PHP };

/** Node-type knowledge for a grammar. */
export function langSpec(grammar: GrammarName): LangSpec {
  return SPECS[grammar];
}

/** Returns the node with parentheses and type casts/assertions stripped (never negations). */
export function unwrap(spec: LangSpec, node: Node): Node {
  let n = node;
  while (spec.wrappers[n.type] === false) {
    const inner = n.namedChildren.filter((c) => c.type !== 'comment').at(-1);
    if (!inner) break;
    n = inner;
  }
  return n;
}

/**
 * True when an expression is a compile-time constant: literals, strings
 * without interpolation, ALL_CAPS names (constants by convention) and
 * concatenations of those. Used by `where: not-constant`.
 */
export function isConstant(spec: LangSpec, node: Node, depth = 0): boolean {
  if (depth > 200) return false;
  const n = unwrap(spec, node);
  if (spec.literals.has(n.type)) return true;
  if (spec.strings.has(n.type)) {
    return n.namedChildren.every((c) => !spec.interpolations.has(c.type) && (!spec.strings.has(c.type) || isConstant(spec, c, depth + 1)) && !spec.functions.has(c.type) && !spec.calls[c.type]);
  }
  if (spec.variables.has(n.type)) return /^\$?[A-Z][A-Z0-9_]*$/.test(n.text) && n.text.length > 1;
  if (spec.binaries.has(n.type) || n.type === 'binary_operator') {
    const parts = n.namedChildren;
    return parts.length > 0 && parts.every((c) => isConstant(spec, c, depth + 1));
  }
  return false;
}
