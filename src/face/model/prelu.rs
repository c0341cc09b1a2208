//! A graph rewrite applied at load: PReLU as arithmetic instead of a per-element choice.
//!
//! tf2onnx writes each TFLite PReLU (the face mesh has 23) as
//!
//! ```text
//! t = gt(zero, v);  m = mul(v, alpha);  y = select(t, m, v);
//! ```
//!
//! and tract runs `gt` + `select` element by element: measured natively (`cargo run --example
//! model_ops -- --no-prelu-rewrite`, per op kind) they took 11–17 ms of the mesh's 23–38 ms;
//! rewritten, the mesh runs in 12–14 ms (three runs each). The same function as
//!
//! ```text
//! p = max(v, zero);  n = min(v, zero);  m = mul(n, alpha);  y = add(p, m);
//! ```
//!
//! is four arithmetic ops that tract fuses and vectorises. Equal for every finite `v` (for `v < 0`:
//! `0 + alpha·v`; otherwise `v + alpha·0`). The names `t`, `m` and `y` are kept, so nothing else
//! in the graph changes; a graph without the pattern is returned unchanged.

/// Rewrites every PReLU triple in NNEF graph text.
pub fn rewrite(graph: &str) -> String {
    let lines: Vec<&str> = graph.lines().collect();
    let mut out = String::with_capacity(graph.len() + graph.len() / 8);
    let mut i = 0;
    while i < lines.len() {
        if let Some((replacement, used)) = prelu_at(&lines[i..]) {
            out.push_str(&replacement);
            i += used;
        } else {
            out.push_str(lines[i]);
            out.push('\n');
            i += 1;
        }
    }
    out
}

/// `name = op(args);` → (name, op, args), for one statement on one line.
fn statement(line: &str) -> Option<(&str, &str, Vec<&str>)> {
    let (name, rest) = line.trim().split_once(" = ")?;
    let (op, args) = rest.strip_suffix(");")?.split_once('(')?;
    Some((name, op, args.split(", ").collect()))
}

/// The rewrite for a PReLU starting at `lines[0]` (the `gt`), and how many lines it replaces. A
/// line between the three statements (the alpha variable's declaration) is kept in place.
fn prelu_at(lines: &[&str]) -> Option<(String, usize)> {
    let (t, "gt", gt_args) = statement(lines.first()?)? else { return None };
    let [zero, v] = gt_args[..] else { return None };
    // The mul may follow directly or after the alpha's declaration.
    let mul_at = (1..=2).find(|&k| lines.get(k).and_then(|l| statement(l)).is_some_and(|(_, op, _)| op == "mul"))?;
    let (m, _, mul_args) = statement(lines[mul_at])?;
    let [mv, alpha] = mul_args[..] else { return None };
    let (y, "select", sel_args) = statement(lines.get(mul_at + 1)?)? else { return None };
    if mv != v || sel_args[..] != [t, m, v] {
        return None;
    }
    let indent = &lines[0][..lines[0].len() - lines[0].trim_start().len()];
    let mut s = String::new();
    for kept in &lines[1..mul_at] {
        s.push_str(kept);
        s.push('\n');
    }
    // `t` now names the positive part, `m` the scaled negative part.
    let n = format!("{t}_neg");
    s.push_str(&format!("{indent}{t} = max({v}, {zero});\n"));
    s.push_str(&format!("{indent}{n} = min({v}, {zero});\n"));
    s.push_str(&format!("{indent}{m} = mul({n}, {alpha});\n"));
    s.push_str(&format!("{indent}{y} = add({t}, {m});\n"));
    Some((s, mul_at + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRELU: &str = "  z = [[[[0.0]]]];
  p_test = gt(z, conv);
  alpha = variable<scalar>(label = \"a\", shape = [1, 16, 1, 1]);
  p_mul = mul(conv, alpha);
  p_iff = select(p_test, p_mul, conv);
  next = add(p_iff, conv);
";

    #[test]
    fn the_triple_becomes_arithmetic_and_keeps_its_names() {
        let g = rewrite(PRELU);
        assert!(!g.contains("select(") && !g.contains("gt("), "{g}");
        assert!(g.contains("  p_test = max(conv, z);\n  p_test_neg = min(conv, z);\n"), "{g}");
        assert!(g.contains("  p_mul = mul(p_test_neg, alpha);\n  p_iff = add(p_test, p_mul);\n"), "{g}");
        assert!(g.contains("alpha = variable<scalar>") && g.contains("next = add(p_iff, conv);"), "{g}");
    }

    #[test]
    fn other_graphs_are_left_alone() {
        let g = "  a = gt(z, v);\n  b = mul(w, alpha);\n  c = select(a, b, v);\n  d = max(c, z);\n";
        assert_eq!(rewrite(g), g, "the mul is not of the same tensor: not a PReLU");
        assert_eq!(rewrite(""), "");
    }
}
