//! Typed indices and the lists they index: a [`TargetIx`] reads only [`Model::targets`](super::Model::targets), so
//! a task's index can never be used to look up a target.

use std::fmt;
use std::marker::PhantomData;

/// An index into one kind of list ([`Items`]).
pub trait Ix: Copy + Eq + fmt::Debug {
    /// The index of the item at `position`. Plans hold far fewer than 2³² items of a kind (`limits::MAX_ITEMS`); a
    /// position past that gives an index that finds nothing.
    fn at(position: usize) -> Self;
    /// Where the item is in its list.
    fn position(self) -> usize;
}

macro_rules! indices {
    ($($(#[$doc:meta])* $name:ident,)+) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(u32);

        impl Ix for $name {
            fn at(position: usize) -> $name {
                $name(u32::try_from(position).unwrap_or(u32::MAX))
            }

            fn position(self) -> usize {
                self.0 as usize
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }
    )+};
}

indices! {
    /// Index of a document in [`Model::documents`](super::Model::documents).
    DocumentIx,
    /// Index of an owner or group in [`Model::owners`](super::Model::owners).
    OwnerIx,
    /// Index of a section in [`Model::sections`](super::Model::sections).
    SectionIx,
    /// Index of a target or measure in [`Model::targets`](super::Model::targets).
    TargetIx,
    /// Index of a task in [`Model::tasks`](super::Model::tasks).
    TaskIx,
    /// Index of a recurring report in [`Model::reports`](super::Model::reports).
    ReportIx,
    /// Index of a rule in [`Model::rules`](super::Model::rules).
    RuleIx,
}

/// A list indexed by `I` only: `get` takes an `I`, `push` gives one.
pub struct Items<I, T> {
    items: Vec<T>,
    ix: PhantomData<fn(I) -> I>,
}

impl<I: Ix, T> Items<I, T> {
    /// An empty list.
    pub fn new() -> Items<I, T> {
        Items::from(Vec::new())
    }

    /// How many items the list holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the list holds none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The item at `ix`, or `None` for an index of another list that runs past this one.
    pub fn get(&self, ix: I) -> Option<&T> {
        self.items.get(ix.position())
    }

    /// The item at `ix`, to change it.
    pub fn get_mut(&mut self, ix: I) -> Option<&mut T> {
        self.items.get_mut(ix.position())
    }

    /// Adds an item at the end and gives its index.
    pub fn push(&mut self, item: T) -> I {
        let ix = self.next_ix();
        self.items.push(item);
        ix
    }

    /// The index the next item pushed will have.
    pub(crate) fn next_ix(&self) -> I {
        I::at(self.items.len())
    }

    pub(crate) fn reserve_exact(&mut self, additional: usize) {
        self.items.reserve_exact(additional);
    }

    /// Every item, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// Every item, in order, to change them.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    /// Each item with its index, in order.
    pub fn enumerate(
        &self,
    ) -> impl DoubleEndedIterator<Item = (I, &T)> + ExactSizeIterator + Clone + '_ {
        self.items.iter().enumerate().map(|(i, t)| (I::at(i), t))
    }

    /// Every index, in order.
    pub fn indices(
        &self,
    ) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + Clone + use<I, T> {
        (0..self.items.len()).map(I::at)
    }

    /// The index of the first item that `pred` accepts.
    pub fn position(&self, pred: impl FnMut(&T) -> bool) -> Option<I> {
        self.items.iter().position(pred).map(I::at)
    }

    /// The items as a slice, in order (position = index).
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }

    /// The last item pushed.
    pub fn last(&self) -> Option<&T> {
        self.items.last()
    }
}

impl<I: Ix, T: Clone> Items<I, T> {
    /// `n` copies of `value`, one for each index below `n`.
    pub fn repeat(value: T, n: usize) -> Items<I, T> {
        Items::from(vec![value; n])
    }
}

impl<I, T> From<Vec<T>> for Items<I, T> {
    fn from(items: Vec<T>) -> Items<I, T> {
        Items {
            items,
            ix: PhantomData,
        }
    }
}

impl<I, T> From<Items<I, T>> for Vec<T> {
    fn from(items: Items<I, T>) -> Vec<T> {
        items.items
    }
}

impl<I, T> Default for Items<I, T> {
    fn default() -> Items<I, T> {
        Items::from(Vec::new())
    }
}

impl<I, T: Clone> Clone for Items<I, T> {
    fn clone(&self) -> Items<I, T> {
        Items::from(self.items.clone())
    }
}

impl<I, T: PartialEq> PartialEq for Items<I, T> {
    fn eq(&self, other: &Items<I, T>) -> bool {
        self.items == other.items
    }
}

impl<I, T: fmt::Debug> fmt::Debug for Items<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.items.fmt(f)
    }
}

impl<I, T> FromIterator<T> for Items<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Items<I, T> {
        Items::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<I, T> IntoIterator for Items<I, T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, I, T> IntoIterator for &'a Items<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<'a, I, T> IntoIterator for &'a mut Items<I, T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter_mut()
    }
}
