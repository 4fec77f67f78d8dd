// The public face of the ledger module: the only file other modules may import.
export {};
