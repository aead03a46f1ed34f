export type ServiceSchemas = Readonly<Record<string, string>> | 'any';
export interface NatsAuthContracts {
  natsAuthorization(options: { password?: (user: string) => string; noAuthUser?: string; serviceSchemas?: ServiceSchemas }): string;
  natsUsers(): string[];
  literalPassword(password: string): string;
}
export interface NatsAuth {
  configFile: string;
  credentialsFile: string;
  passwords: Record<string, string>;
}
export declare function writeNatsAuth(options: { dir: string; contracts: NatsAuthContracts; noAuthUser?: string; serviceSchemas?: ServiceSchemas }): NatsAuth;
export declare function serviceSchemasFrom(env: NodeJS.ProcessEnv, services: string[]): Record<string, string>;
export declare function natsEnvFor(user: string, passwords: Record<string, string>): { NATS_USER: string; NATS_PASSWORD: string };
