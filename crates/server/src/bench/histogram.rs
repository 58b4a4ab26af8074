//! A fixed-size latency histogram (log-linear buckets, under 1 % relative error), so that long runs at high
//! concurrency record every request in constant memory.

/// Sub-buckets per power of two: 2^7 = 128, so a bucket is at most 1/64 of its value wide.
const SUB_BITS: u32 = 7;
const SUB: u64 = 1 << SUB_BITS;
const HALF: u64 = SUB / 2;
/// Values are clamped below 2^40 µs (about 12 days).
const MAX_BITS: u32 = 40;
const BUCKETS: usize = (SUB + (MAX_BITS - SUB_BITS) as u64 * HALF) as usize;

#[derive(Debug, Clone)]
pub struct Histogram {
    counts: Vec<u64>,
    total: u64,
    max: u64,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            counts: vec![0; BUCKETS],
            total: 0,
            max: 0,
        }
    }
}

fn index(value: u64) -> usize {
    let value = value.min((1 << MAX_BITS) - 1);
    if value < SUB {
        return value as usize;
    }
    let msb = 63 - value.leading_zeros();
    let shift = msb - (SUB_BITS - 1);
    (SUB + u64::from(shift - 1) * HALF + ((value >> shift) - HALF)) as usize
}

/// The middle of the values that fall into bucket `i`.
fn midpoint(i: usize) -> u64 {
    let i = i as u64;
    if i < SUB {
        return i;
    }
    let j = i - SUB;
    let shift = j / HALF + 1;
    let low = (j % HALF + HALF) << shift;
    low + (1 << shift) / 2
}

impl Histogram {
    pub fn record(&mut self, value: u64) {
        self.counts[index(value)] += 1;
        self.total += 1;
        self.max = self.max.max(value);
    }

    pub fn merge(&mut self, other: &Histogram) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.total += other.total;
        self.max = self.max.max(other.max);
    }

    pub fn count(&self) -> u64 {
        self.total
    }

    pub fn max(&self) -> u64 {
        self.max
    }

    /// The value below which a fraction `q` of the recorded values lie (0 when empty).
    pub fn quantile(&self, q: f64) -> u64 {
        if self.total == 0 {
            return 0;
        }
        let rank = ((q.clamp(0.0, 1.0) * self.total as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (i, count) in self.counts.iter().enumerate() {
            seen += count;
            if seen >= rank {
                return midpoint(i).min(self.max);
            }
        }
        self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_contiguous_and_within_one_percent() {
        let mut last = 0;
        for v in 0..2_000_000u64 {
            let i = index(v);
            assert!(i == last || i == last + 1, "gap at {v}");
            last = i;
            let mid = midpoint(i) as f64;
            assert!(
                (mid - v as f64).abs() <= (v as f64 / 64.0).max(0.5),
                "{v} -> {mid}"
            );
        }
        assert!(index(u64::MAX) < BUCKETS);
    }

    #[test]
    fn quantiles_of_a_uniform_run_are_where_expected() {
        let mut h = Histogram::default();
        for v in 1..=10_000 {
            h.record(v);
        }
        let p50 = h.quantile(0.5) as f64;
        let p99 = h.quantile(0.99) as f64;
        assert!((p50 - 5000.0).abs() < 80.0, "{p50}");
        assert!((p99 - 9900.0).abs() < 160.0, "{p99}");
        assert_eq!(h.max(), 10_000);
        assert_eq!(h.count(), 10_000);
    }
}
