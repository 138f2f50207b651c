export * from './schema'
export * from './default-framework'
export * from './ratings'
