/**
 * A failure caused by the user's input files rather than by the command line
 * (a corrupt baseline, a refused overwrite): printed without the usage text,
 * exit code 2.
 */
export class InputError extends Error {}
