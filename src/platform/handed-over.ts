/**
 * What a module hands the platform when it loads (a directory, a register), so that the platform
 * and the other modules use it without importing that module: `set` once, then `get` anywhere.
 */
export function handedOver<T>(what: string, module: string): { set(value: T): void; get(): T } {
  let value: T | null = null;
  return {
    set(next) {
      value = next;
    },
    get() {
      if (!value) throw new Error(`no ${what}: the ${module} module has not been loaded`);
      return value;
    },
  };
}
