export declare const BEGIN: string;
export declare const END: string;
export declare const NATS_CONFIG_FILES: { file: string; indent: string }[];
export declare function withAuthorization(text: string, block: string, indent: string): string;
