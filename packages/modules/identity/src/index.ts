// The public face of the identity module: the only file other modules may import.
export {};
