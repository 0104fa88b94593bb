// oidc-provider ships no types; the tests use a small part of it (a test double of an
// organisation's identity provider), typed loosely here.
declare module 'oidc-provider' {
  const Provider: new (issuer: string, configuration: Record<string, unknown>) => {
    callback(): (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
    use(middleware: (ctx: any, next: () => Promise<void>) => Promise<void>): void;
    Grant: any;
  };
  export default Provider;
}
