export * from './lookup';
export * from './table';
export { symbolizeText, symbolizeInsns } from './symbolize';
export { withSymbols } from './withSymbols';
