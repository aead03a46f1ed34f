// Types for web-build.mjs (plain JavaScript, so the TypeScript harness in libs/testing typechecks it).
export declare function webBuildIsCurrent(root: string): boolean;
export declare function buildWebIfStale(root: string, options?: { stdio?: 'pipe' | 'inherit' }): boolean;
