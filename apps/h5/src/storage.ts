// localStorage that never throws (blocked site data): shared with the other app through @zulin/web.
export { readStorage, removeStorage, writeStorage } from '@zulin/web';
