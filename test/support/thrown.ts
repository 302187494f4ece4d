/**
 * The error of class `type` that `f` throws; anything else thrown passes through, and `f` returning
 * fails the test. For tests that look at an error's fields (code, path, bit offset), not only its text.
 */
export function thrown<E extends Error>(f: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    f();
  } catch (e) {
    if (e instanceof type) return e;
    throw e;
  }
  throw new Error(`expected a ${type.name}, but nothing was thrown`);
}
