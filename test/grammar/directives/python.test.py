# SYNTAX TEST "source.python" "argus directives in Python comments"
x = load(s)  # argus-ignore-next-line security/py-yaml-load, review/*
#              ^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.python keyword.control.directive.argus
#                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.name.tag.rule-id.argus
x = "argus-ignore-next-line"
#    ^^^^^^^^^^^^^^^^^^^^^^ - keyword.control.directive.argus
