// SYNTAX TEST "source.js" "argus directives in JavaScript comments"
// argus-ignore-next-line security/js-eval -- reviewed, input is constant
// ^^^^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.js keyword.control.directive.argus
//                        ^^^^^^^^^^^^^^^^ entity.name.tag.rule-id.argus
//                                         ^^ punctuation.separator.reason.argus
//                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.reason.argus
/* argus-ignore-file review/todo */
// ^^^^^^^^^^^^^^^^^ comment.block.js keyword.control.directive.argus
//                   ^^^^^^^^^^^ entity.name.tag.rule-id.argus
// plain text: argus-ignored is not a directive
//             ^^^^^^^^^^^^^ - keyword.control.directive.argus
