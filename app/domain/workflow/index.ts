export * from './calendar'
export * from './deadline'
export * from './phases'
export * from './recommendations'
