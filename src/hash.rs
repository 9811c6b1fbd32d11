//! The hash maps and sets of the library: hashbrown's tables with rustc-hash's Fx hasher.
//!
//! One implementation for every map. The keys are ids, spans, indices and paths the library made itself, so a
//! fast hasher is right (SipHash showed in profiles); and with the standard library's `HashMap` beside the
//! `hashbrown::HashTable` that `check::titles` needs, the WebAssembly module carried two copies of the same table
//! code and SipHash as well.

pub type FxHashMap<K, V> = hashbrown::HashMap<K, V, rustc_hash::FxBuildHasher>;
pub type FxHashSet<T> = hashbrown::HashSet<T, rustc_hash::FxBuildHasher>;
