// The public face of the wallet module: the only file other modules may import.
export {};
