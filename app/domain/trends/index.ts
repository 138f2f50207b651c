export * from './suppress'
export * from './review'
export * from './aggregate'
