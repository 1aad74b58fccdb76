declare const __ARGUS_VERSION__: string | undefined;

/** Argus's version, injected by esbuild from package.json; 'dev' when run from source. */
export const ARGUS_VERSION: string = typeof __ARGUS_VERSION__ === 'string' ? __ARGUS_VERSION__ : '0.0.0-dev';
