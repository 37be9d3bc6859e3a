// nock 15 (@mswjs/interceptors, installed by test/setup/no-network.ts) calls Promise.withResolvers
// on every socket connect, which Node 20 lacks (it arrived in Node 22): without this, any real
// loopback connection in a unit test fails with "fetch failed". Imported by tests that talk to a
// local server. Remove once the setup file carries it or Node 20 support ends.

interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

const P = Promise as unknown as { withResolvers?: <T>() => Resolvers<T> };

if (typeof P.withResolvers !== 'function') {
  P.withResolvers = <T>(): Resolvers<T> => {
    let resolve!: Resolvers<T>['resolve'];
    let reject!: Resolvers<T>['reject'];
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

export {};
