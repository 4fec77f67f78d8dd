// The public face of the catalog module: the only file other modules may import.
export {};
