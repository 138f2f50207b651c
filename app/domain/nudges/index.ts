export * from './phrases'
export * from './find'
export { foldPattern } from './fold'
