//! Arrays of numbers and characters written as little-endian bytes, for
//! the library's search index (`#[serde(with = "crate::packed::u32s")]`):
//! MessagePack would spend a tag on each number and a string on each
//! character; these are one block each, copied back in one pass. Reading
//! refuses a length that is not a multiple of the item's size and a
//! number that is not a character.

use serde::{Deserializer, Serializer};

/// Reads a block of bytes as items of `N` bytes each, made by `make`
/// (refusing with its message), straight from the decoder's bytes.
fn items<'de, D: Deserializer<'de>, T, const N: usize>(
    d: D,
    make: fn([u8; N]) -> Result<T, String>,
) -> Result<Vec<T>, D::Error> {
    struct Items<T, const N: usize>(fn([u8; N]) -> Result<T, String>);
    impl<T, const N: usize> serde::de::Visitor<'_> for Items<T, N> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            write!(f, "a block of {N}-byte items")
        }
        fn visit_bytes<E: serde::de::Error>(self, b: &[u8]) -> Result<Vec<T>, E> {
            if !b.len().is_multiple_of(N) {
                return Err(E::custom(format!(
                    "{} bytes are not whole items of {N}",
                    b.len()
                )));
            }
            b.chunks_exact(N)
                .map(|c| {
                    let mut a = [0u8; N];
                    a.copy_from_slice(c);
                    (self.0)(a).map_err(E::custom)
                })
                .collect()
        }
    }
    d.deserialize_bytes(Items(make))
}

pub mod u32s {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[u32], s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
        s.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
        items(d, |a| Ok(u32::from_le_bytes(a)))
    }
}

pub mod u16s {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[u16], s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
        s.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u16>, D::Error> {
        items(d, |a| Ok(u16::from_le_bytes(a)))
    }
}

pub mod chars {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[char], s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = v.iter().flat_map(|&c| u32::from(c).to_le_bytes()).collect();
        s.serialize_bytes(&bytes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<char>, D::Error> {
        items(d, |a| {
            let n = u32::from_le_bytes(a);
            char::from_u32(n).ok_or_else(|| format!("{n:#x} is not a character"))
        })
    }
}

#[cfg(test)]
mod tests {
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct T {
        #[serde(with = "super::u32s")]
        a: Vec<u32>,
        #[serde(with = "super::u16s")]
        b: Vec<u16>,
        #[serde(with = "super::chars")]
        c: Vec<char>,
    }

    #[test]
    fn round_trips_and_refuses_what_is_not_a_character() {
        let t = T {
            a: vec![0, 1, u32::MAX],
            b: vec![7, u16::MAX],
            c: vec!['a', '公', '😀'],
        };
        let bytes = rmp_serde::to_vec(&t).expect("writes");
        assert_eq!(rmp_serde::from_slice::<T>(&bytes).expect("reads"), t);
        let bad = T {
            a: vec![],
            b: vec![],
            c: vec![],
        };
        let mut bytes = rmp_serde::to_vec(&bad).expect("writes");
        // The last field's empty block (`c4 00`) made 4 bytes long: 0xD800
        // is a surrogate.
        bytes.truncate(bytes.len() - 2);
        bytes.extend_from_slice(&[0xc4, 4, 0x00, 0xd8, 0, 0]);
        assert!(rmp_serde::from_slice::<T>(&bytes).is_err());
    }
}
