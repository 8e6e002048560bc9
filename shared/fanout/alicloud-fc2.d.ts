/** The part of `@alicloud/fc2` (FC 2.0 client, untyped JavaScript) that fan-out uses. */
declare module '@alicloud/fc2' {
  interface FCClientConfig {
    /** capital ID: the package's own spelling */
    accessKeyID: string;
    accessKeySecret: string;
    /** required by the client when accessKeyID starts with "STS" */
    securityToken?: string;
    region: string;
    /** `http(s)://host[:port]`; default http://<account>.<region>.fc.aliyuncs.com (https with secure) */
    endpoint?: string;
    secure?: boolean;
    /** ms, default 60000 */
    timeout?: number;
  }
  class FCClient {
    constructor(accountId: string, config: FCClientConfig);
    invokeFunction(
      serviceName: string,
      functionName: string,
      event: string | Buffer,
      headers?: Record<string, string>,
    ): Promise<{ headers: Record<string, string | undefined>; data: unknown }>;
  }
  export = FCClient;
}
