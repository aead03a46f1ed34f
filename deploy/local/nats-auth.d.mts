export interface NatsAuthContracts {
  natsAuthorization(options: { password?: (user: string) => string; noAuthUser?: string }): string;
  natsUsers(): string[];
  literalPassword(password: string): string;
}
export interface NatsAuth {
  configFile: string;
  credentialsFile: string;
  passwords: Record<string, string>;
}
export declare function writeNatsAuth(options: { dir: string; contracts: NatsAuthContracts; noAuthUser?: string }): NatsAuth;
export declare function natsEnvFor(user: string, passwords: Record<string, string>): { NATS_USER: string; NATS_PASSWORD: string };
