// The Remix server build and the custom server are separate module graphs in one process;
// anything that must exist once (database handle, event bus) is parked on globalThis.
export function singleton<T>(name: string, create: () => T): T {
  const registry = globalThis as unknown as { __scirSingletons?: Map<string, unknown> }
  registry.__scirSingletons ??= new Map()
  if (!registry.__scirSingletons.has(name)) registry.__scirSingletons.set(name, create())
  return registry.__scirSingletons.get(name) as T
}
