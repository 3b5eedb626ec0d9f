/** Polls `read` until `done` holds for its value; throws with the last value after `timeoutMillis`. */
export async function waitFor<T>(read: () => T, done: (value: T) => boolean, timeoutMillis = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const value = read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMillis} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
