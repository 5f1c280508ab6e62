//! A small limited-memory BFGS minimiser for the matcher's training.
//!
//! Written here rather than taken from a crate because the model's weights must be the same
//! bits on every machine: every sum runs in one fixed order on one thread, and the stopping
//! rule depends on nothing but the numbers. The line search backtracks from the quasi-Newton
//! step until the Armijo condition holds; the curvature pairs are kept only when positive, so
//! the inverse-Hessian estimate stays positive definite.

/// When to stop, and how many curvature pairs to remember.
#[derive(Debug, Clone, Copy)]
pub struct Lbfgs {
    pub memory: usize,
    pub max_iterations: usize,
    /// Stop when the largest gradient component falls below this.
    pub gradient_tolerance: f64,
    /// Stop when an iteration lowers the objective by less than this share of its value.
    pub relative_tolerance: f64,
}

impl Default for Lbfgs {
    fn default() -> Self {
        Lbfgs {
            memory: 8,
            max_iterations: 400,
            gradient_tolerance: 1e-6,
            relative_tolerance: 1e-9,
        }
    }
}

/// How a minimisation ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub iterations: usize,
    pub value: f64,
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

impl Lbfgs {
    /// Minimises `objective` from `x`, in place. `objective(x, gradient)` returns the value at
    /// `x` and writes the gradient.
    pub fn minimise(
        &self,
        x: &mut [f64],
        objective: impl FnMut(&[f64], &mut [f64]) -> f64,
    ) -> Outcome {
        self.minimise_observed(x, objective, |_| {})
    }

    /// [`Lbfgs::minimise`], calling `iterated(n)` after the `n`th iteration: a long training
    /// run shows its progress through it.
    pub fn minimise_observed(
        &self,
        x: &mut [f64],
        mut objective: impl FnMut(&[f64], &mut [f64]) -> f64,
        mut iterated: impl FnMut(usize),
    ) -> Outcome {
        let n = x.len();
        let mut gradient = vec![0.0; n];
        let mut value = objective(x, &mut gradient);
        // Curvature pairs (s, y, 1 / y·s), oldest first.
        let mut pairs: Vec<(Vec<f64>, Vec<f64>, f64)> = Vec::with_capacity(self.memory);
        let mut direction = vec![0.0; n];
        let mut alpha = vec![0.0; self.memory];
        let mut trial = vec![0.0; n];
        let mut trial_gradient = vec![0.0; n];
        let (mut next_s, mut next_y) = (vec![0.0; n], vec![0.0; n]);
        for iteration in 0..self.max_iterations {
            if gradient.iter().all(|g| g.abs() < self.gradient_tolerance) {
                return Outcome {
                    iterations: iteration,
                    value,
                };
            }
            // Two-loop recursion: direction = −H·gradient.
            direction.copy_from_slice(&gradient);
            for (i, (s, y, rho)) in pairs.iter().enumerate().rev() {
                alpha[i] = rho * dot(s, &direction);
                for (d, y) in direction.iter_mut().zip(y) {
                    *d -= alpha[i] * y;
                }
            }
            let scale = match pairs.last() {
                Some((_, y, rho)) => 1.0 / (rho * dot(y, y)),
                // No curvature known yet: a first step of unit length.
                None => 1.0 / dot(&gradient, &gradient).sqrt().max(f64::MIN_POSITIVE),
            };
            for d in direction.iter_mut() {
                *d *= scale;
            }
            for (i, (s, y, rho)) in pairs.iter().enumerate() {
                let beta = rho * dot(y, &direction);
                for (d, s) in direction.iter_mut().zip(s) {
                    *d += s * (alpha[i] - beta);
                }
            }
            for d in direction.iter_mut() {
                *d = -*d;
            }
            let mut slope = dot(&gradient, &direction);
            if slope >= 0.0 {
                // Not a descent direction (rounding): start again from steepest descent.
                pairs.clear();
                for (d, g) in direction.iter_mut().zip(&gradient) {
                    *d = -g;
                }
                slope = dot(&gradient, &direction);
            }
            let mut step = 1.0;
            let mut accepted = None;
            for _ in 0..40 {
                for ((t, x), d) in trial.iter_mut().zip(x.iter()).zip(&direction) {
                    *t = x + step * d;
                }
                let trial_value = objective(&trial, &mut trial_gradient);
                if trial_value <= value + 1e-4 * step * slope {
                    accepted = Some(trial_value);
                    break;
                }
                step *= 0.5;
            }
            let Some(new_value) = accepted else {
                return Outcome {
                    iterations: iteration,
                    value,
                };
            };
            // Into vectors kept from iteration to iteration (a retired pair's, once memory is
            // full): a model has hundreds of thousands of weights, and two fresh vectors every
            // iteration cost more in page faults than the arithmetic on them.
            for ((s, t), x) in next_s.iter_mut().zip(&trial).zip(x.iter()) {
                *s = t - x;
            }
            for ((y, a), b) in next_y.iter_mut().zip(&trial_gradient).zip(&gradient) {
                *y = a - b;
            }
            let ys = dot(&next_y, &next_s);
            if ys > 1e-12 {
                let (s, y) = if pairs.len() == self.memory {
                    let (s, y, _) = pairs.remove(0);
                    (
                        std::mem::replace(&mut next_s, s),
                        std::mem::replace(&mut next_y, y),
                    )
                } else {
                    (
                        std::mem::replace(&mut next_s, vec![0.0; n]),
                        std::mem::replace(&mut next_y, vec![0.0; n]),
                    )
                };
                pairs.push((s, y, 1.0 / ys));
            }
            x.copy_from_slice(&trial);
            std::mem::swap(&mut gradient, &mut trial_gradient);
            let decrease = value - new_value;
            value = new_value;
            iterated(iteration + 1);
            if decrease <= self.relative_tolerance * value.abs().max(1.0) {
                return Outcome {
                    iterations: iteration + 1,
                    value,
                };
            }
        }
        Outcome {
            iterations: self.max_iterations,
            value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_a_badly_scaled_quadratic() {
        // f(x) = Σ c_i (x_i − i)², with curvatures spread over three orders of magnitude.
        let curvature: Vec<f64> = (0..20).map(|i| 10f64.powf(f64::from(i) / 6.0)).collect();
        let mut x = vec![0.0; 20];
        // Stopping on the gradient alone: the objective's decrease near 0 is tiny anyway.
        let precise = Lbfgs {
            relative_tolerance: 0.0,
            ..Lbfgs::default()
        };
        let outcome = precise.minimise(&mut x, |x, g| {
            let mut value = 0.0;
            for (i, (x, g)) in x.iter().zip(g.iter_mut()).enumerate() {
                let d = x - i as f64;
                value += curvature[i] * d * d;
                *g = 2.0 * curvature[i] * d;
            }
            value
        });
        for (i, x) in x.iter().enumerate() {
            assert!((x - i as f64).abs() < 1e-5, "x[{i}] = {x}");
        }
        assert!(outcome.value < 1e-9, "{outcome:?}");
    }

    #[test]
    fn minimises_the_rosenbrock_valley() {
        let mut x = vec![-1.2, 1.0];
        Lbfgs {
            max_iterations: 2000,
            ..Lbfgs::default()
        }
        .minimise(&mut x, |x, g| {
            let (a, b) = (x[0], x[1]);
            g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
            g[1] = 200.0 * (b - a * a);
            (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
        });
        assert!(
            (x[0] - 1.0).abs() < 1e-4 && (x[1] - 1.0).abs() < 1e-4,
            "{x:?}"
        );
    }

    #[test]
    fn the_same_problem_gives_the_same_bits() {
        let run = || {
            let mut x = vec![0.3; 5];
            Lbfgs::default().minimise(&mut x, |x, g| {
                let mut v = 0.0;
                for (i, (x, g)) in x.iter().zip(g.iter_mut()).enumerate() {
                    v += (x - 0.1 * i as f64).powi(4) + x * x;
                    *g = 4.0 * (x - 0.1 * i as f64).powi(3) + 2.0 * x;
                }
                v
            });
            x.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        };
        assert_eq!(run(), run());
    }
}
