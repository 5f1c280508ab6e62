//! A small random forest, written here because it is a page of code and the crates that
//! offer one bring a linear-algebra stack with them. It is deterministic (its randomness is
//! a seeded generator, its sums run in one order), so the same examples always give the same
//! trees, and the trees are kept as text that a reviewer can diff.
//!
//! Why a forest: the features of a column (how full, how long, how repetitive, what its
//! header says) interact ("short and repeated" is a person, "short and unique" an id), which
//! a linear model cannot say and a tree says in a few splits; and it needs no scaling.

use std::fmt::Write as _;

/// How the trees are grown; kept with the trees so that the text says how it was made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Growth {
    pub trees: usize,
    pub max_depth: usize,
    /// A split leaves at least this many examples on each side.
    pub min_leaf: usize,
    pub seed: u64,
}

impl Default for Growth {
    fn default() -> Growth {
        Growth {
            trees: 41,
            max_depth: 8,
            min_leaf: 2,
            seed: 35,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Split {
        feature: usize,
        threshold: f32,
        /// The node taken when the feature is at most the threshold, and the one taken
        /// when it is above: indices into the tree's nodes.
        low: usize,
        high: usize,
    },
    /// The share of each class among the training examples that reached the leaf.
    Leaf(Vec<f32>),
}

/// Trees voting with their leaves' class shares.
#[derive(Debug, Clone, PartialEq)]
pub struct Forest {
    classes: usize,
    features: usize,
    trees: Vec<Vec<Node>>,
}

/// SplitMix64: a few lines, good enough to draw bootstrap samples and feature subsets.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One training example: its features, its class, and how much it counts (classes as rare
/// as a sheet's one person column are weighed up to count as much as the common ones).
pub struct Example<'a> {
    pub features: &'a [f32],
    pub class: usize,
    pub weight: f32,
}

impl Forest {
    /// Grows the forest. Every example's features must have the same length.
    pub fn train(examples: &[Example<'_>], classes: usize, growth: Growth) -> Forest {
        let features = examples.first().map_or(0, |e| e.features.len());
        let mut random = Random(growth.seed);
        let mut trees = Vec::with_capacity(growth.trees);
        for _ in 0..growth.trees {
            let sample: Vec<usize> = (0..examples.len())
                .map(|_| random.below(examples.len()))
                .collect();
            let mut grower = Grower {
                examples,
                classes,
                features,
                growth,
                random: &mut random,
                nodes: Vec::new(),
            };
            grower.grow(sample, 0);
            trees.push(grower.nodes);
        }
        Forest {
            classes,
            features,
            trees,
        }
    }

    /// The mean of the trees' class shares for one example.
    pub fn predict(&self, features: &[f32]) -> Vec<f32> {
        let mut sum = vec![0f32; self.classes];
        for tree in &self.trees {
            let mut at = 0;
            loop {
                match &tree[at] {
                    Node::Split {
                        feature,
                        threshold,
                        low,
                        high,
                    } => {
                        let value = features.get(*feature).copied().unwrap_or(0.0);
                        at = if value <= *threshold { *low } else { *high };
                    }
                    Node::Leaf(shares) => {
                        for (s, v) in sum.iter_mut().zip(shares) {
                            *s += v;
                        }
                        break;
                    }
                }
            }
        }
        let n = self.trees.len().max(1) as f32;
        sum.iter().map(|s| s / n).collect()
    }

    pub fn features(&self) -> usize {
        self.features
    }

    /// The forest as text: a line `forest CLASSES FEATURES`, then per tree a line `tree N`
    /// and its nodes, `s FEATURE THRESHOLD LOW HIGH` or `l SHARE...`.
    pub fn to_text(&self) -> String {
        let mut out = format!("forest {} {}\n", self.classes, self.features);
        for tree in &self.trees {
            let _ = writeln!(out, "tree {}", tree.len());
            for node in tree {
                match node {
                    Node::Split {
                        feature,
                        threshold,
                        low,
                        high,
                    } => {
                        let _ = writeln!(out, "s {feature} {threshold} {low} {high}");
                    }
                    Node::Leaf(shares) => {
                        let shares: Vec<String> = shares.iter().map(|s| format!("{s}")).collect();
                        let _ = writeln!(out, "l {}", shares.join(" "));
                    }
                }
            }
        }
        out
    }

    /// Reads [`Forest::to_text`]'s text back; `None` when it is not well formed (a node
    /// pointing outside its tree, a leaf of the wrong width), so that a damaged file can
    /// never send a prediction out of bounds.
    pub fn from_text(text: &str) -> Option<Forest> {
        let mut lines = text.lines();
        let mut head = lines.next()?.split(' ');
        if head.next()? != "forest" {
            return None;
        }
        let classes: usize = head.next()?.parse().ok()?;
        let features: usize = head.next()?.parse().ok()?;
        let mut trees = Vec::new();
        while let Some(line) = lines.next() {
            let count: usize = line.strip_prefix("tree ")?.parse().ok()?;
            let mut nodes = Vec::with_capacity(count);
            for _ in 0..count {
                nodes.push(parse_node(lines.next()?, classes, features, count)?);
            }
            trees.push(nodes);
        }
        Some(Forest {
            classes,
            features,
            trees,
        })
    }
}

fn parse_node(line: &str, classes: usize, features: usize, count: usize) -> Option<Node> {
    let mut parts = line.split(' ');
    match parts.next()? {
        "s" => {
            let feature: usize = parts.next()?.parse().ok()?;
            let threshold: f32 = parts.next()?.parse().ok()?;
            let low: usize = parts.next()?.parse().ok()?;
            let high: usize = parts.next()?.parse().ok()?;
            (feature < features && low < count && high < count).then_some(Node::Split {
                feature,
                threshold,
                low,
                high,
            })
        }
        "l" => {
            let shares: Vec<f32> = parts.map(|p| p.parse().ok()).collect::<Option<_>>()?;
            (shares.len() == classes).then_some(Node::Leaf(shares))
        }
        _ => None,
    }
}

struct Grower<'a, 'r> {
    examples: &'a [Example<'a>],
    classes: usize,
    features: usize,
    growth: Growth,
    random: &'r mut Random,
    nodes: Vec<Node>,
}

impl Grower<'_, '_> {
    /// Grows the subtree for `sample` (indices into the examples, with repeats) and returns
    /// its node's index.
    fn grow(&mut self, sample: Vec<usize>, depth: usize) -> usize {
        let counts = self.counts(&sample);
        let at = self.nodes.len();
        let pure = counts.iter().filter(|&&c| c > 0.0).count() <= 1;
        let split = if pure || depth >= self.growth.max_depth {
            None
        } else {
            self.best_split(&sample, &counts)
        };
        let Some((feature, threshold)) = split else {
            let total: f32 = counts.iter().sum::<f32>().max(1.0);
            self.nodes
                .push(Node::Leaf(counts.iter().map(|c| c / total).collect()));
            return at;
        };
        self.nodes.push(Node::Leaf(Vec::new()));
        let (low, high): (Vec<usize>, Vec<usize>) = sample
            .into_iter()
            .partition(|&i| self.examples[i].features[feature] <= threshold);
        let low = self.grow(low, depth + 1);
        let high = self.grow(high, depth + 1);
        self.nodes[at] = Node::Split {
            feature,
            threshold,
            low,
            high,
        };
        at
    }

    fn counts(&self, sample: &[usize]) -> Vec<f32> {
        let mut counts = vec![0f32; self.classes];
        for &i in sample {
            counts[self.examples[i].class] += self.examples[i].weight;
        }
        counts
    }

    /// The split of least Gini impurity over a random √d of the features, thresholds at
    /// midpoints between distinct values.
    fn best_split(&mut self, sample: &[usize], counts: &[f32]) -> Option<(usize, f32)> {
        let tried = ((self.features as f64).sqrt().ceil() as usize).max(1);
        let mut order: Vec<usize> = (0..self.features).collect();
        for i in 0..tried.min(order.len()) {
            let j = i + self.random.below(order.len() - i);
            order.swap(i, j);
        }
        let total: f32 = counts.iter().sum();
        let mut best: Option<(f32, usize, f32)> = None;
        for &feature in order.iter().take(tried) {
            let mut values: Vec<(f32, usize, f32)> = sample
                .iter()
                .map(|&i| {
                    let e = &self.examples[i];
                    (e.features[feature], e.class, e.weight)
                })
                .collect();
            values.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut low = vec![0f32; self.classes];
            let mut n_low = 0f32;
            for k in 0..values.len() - 1 {
                low[values[k].1] += values[k].2;
                n_low += values[k].2;
                if values[k].0 == values[k + 1].0 {
                    continue;
                }
                let n_high = total - n_low;
                if k + 1 < self.growth.min_leaf || values.len() - k - 1 < self.growth.min_leaf {
                    continue;
                }
                let gini = |side: &mut dyn Iterator<Item = f32>, n: f32| {
                    1.0 - side.map(|c| (c / n) * (c / n)).sum::<f32>()
                };
                let impurity = n_low * gini(&mut low.iter().copied(), n_low)
                    + n_high * gini(&mut counts.iter().zip(&low).map(|(c, l)| c - l), n_high);
                if best.is_none_or(|(b, _, _)| impurity < b) {
                    best = Some((impurity, feature, (values[k].0 + values[k + 1].0) / 2.0));
                }
            }
        }
        best.map(|(_, feature, threshold)| (feature, threshold))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xor_examples() -> Vec<(Vec<f32>, usize)> {
        let mut out = Vec::new();
        for i in 0..40 {
            let a = (i % 2) as f32;
            let b = ((i / 2) % 2) as f32;
            out.push((vec![a, b, (i % 7) as f32], usize::from(a != b)));
        }
        out
    }

    fn weighed_alike(data: &[(Vec<f32>, usize)]) -> Vec<Example<'_>> {
        data.iter()
            .map(|(f, c)| Example {
                features: f,
                class: *c,
                weight: 1.0,
            })
            .collect()
    }

    #[test]
    fn learns_an_interaction_a_line_cannot_draw() {
        let data = xor_examples();
        let examples = weighed_alike(&data);
        let forest = Forest::train(&examples, 2, Growth::default());
        assert!(forest.predict(&[0.0, 1.0, 3.0])[1] > 0.8);
        assert!(forest.predict(&[1.0, 1.0, 3.0])[0] > 0.8);
    }

    #[test]
    fn the_text_reads_back_as_the_same_forest_and_damage_is_refused() {
        let data = xor_examples();
        let examples = weighed_alike(&data);
        let forest = Forest::train(&examples, 2, Growth::default());
        let text = forest.to_text();
        assert_eq!(Forest::from_text(&text), Some(forest.clone()));
        assert_eq!(Forest::train(&examples, 2, Growth::default()), forest);
        let damaged = text.replacen("s 0", "s 9", 1).replacen("s 1", "s 9", 1);
        assert_eq!(Forest::from_text(&damaged), None);
    }
}
