//! Queue order: who to answer first.
//!
//! The score is a plain sum of integer points, so it is stable (same input,
//! same score, on any machine) and every point can be named in a reason:
//!
//! ```text
//! score = question·Q + vip·V + loyal·L + left_waiting·W
//!       + A · min(max(age − target, 0), cap) / 1 day        (integer division)
//!       − (any low-value flag ? P' : 0)
//! P'    = max(P, Q + V + L + W + A·cap_days + 1)
//! ```
//!
//! Q, V, L, W, A, cap and P are `[weights]` `question`, `vip`, `loyal`,
//! `left_waiting`, `per_day_past_target`, `age_cap_days` and
//! `low_value_penalty`. Every item without a low-value flag scores 0 or more
//! and every item with one scores below 0 (P' is raised when needed), so bait,
//! bare links, bare mentions, emoji-only and copypasta always sink below the
//! rest, whatever the weights. Within equal scores the caller keeps its own
//! order (oldest first).

use super::config::Weights;
use super::flags::{Flag, Flags};

const DAY: i64 = 86_400;

/// What the score is computed from: the item's flags and what is known about
/// its author and its age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PriorityInput {
    pub flags: Flags,
    /// The author is on the user's VIP list.
    pub vip: bool,
    /// The author is a regular (see `[weights] loyal_weeks`).
    pub loyal: bool,
    /// The author is loyal with items still needing a reply (this one
    /// among them).
    pub left_waiting: bool,
    /// How many items the author has written (shown with "loyal").
    pub person_items: u32,
    /// Seconds since the item was created.
    pub age_secs: i64,
    /// The reply-time target in seconds.
    pub target_secs: i64,
}

/// Whether `author` of `platform`, who commented in `active_weeks` distinct
/// weeks and had `noise` items dismissed as bait or spam, is loyal (see
/// [`loyal_weeks`]): never strangers (an author the platform withheld, a
/// nameless guest), whose items are no one person's.
pub fn is_loyal(platform: &str, author: &str, active_weeks: u32, noise: u32, w: &Weights) -> bool {
    !crate::import::shared::strangers(platform, author) && loyal_weeks(active_weeks, noise, w)
}

/// Left waiting: loyal, with items still needing a reply (`waiting`, the
/// one ranked among them). The review, `people` and the queue's rank say it
/// alike.
pub fn is_left_waiting(loyal: bool, waiting: u64) -> bool {
    loyal && waiting > 0
}

/// Whether `active_weeks` distinct weeks of comments are enough to be
/// loyal, less a week for each of the `noise` items dismissed as bait or
/// spam: a spammer's weeks of "follow for follow" earn nothing (and at
/// most one week of a commenter's goes with each such slip).
pub fn loyal_weeks(active_weeks: u32, noise: u32, w: &Weights) -> bool {
    active_weeks.saturating_sub(noise) >= w.loyal_weeks.max(1)
}

/// How many active weeks to count, at most, to know whether someone with
/// `noise` items dismissed as bait or spam is loyal.
pub fn weeks_to_count(noise: u32, w: &Weights) -> u32 {
    w.loyal_weeks.max(1).saturating_add(noise)
}

/// The item's score (higher is answered first) and the reasons for it, the
/// sinking ones first.
pub fn score(input: &PriorityInput, w: &Weights) -> (i64, Vec<String>) {
    let mut reasons = Vec::new();
    let low: Vec<Flag> = input.flags.iter().filter(|f| f.is_low_value()).collect();
    for f in &low {
        reasons.push(format!("{} (sinks)", label(*f)));
    }

    // i128 inside: user weights are any u32, and no product of two of them
    // can overflow it, so the sinking guarantee holds for every file.
    let mut points: i128 = 0;
    // A reason is written only when it applies: the queue is ranked a
    // million items at a time.
    let mut add = |on: bool, weight: u32, reason: &dyn Fn() -> String| {
        if on {
            points += i128::from(weight);
            reasons.push(reason());
        }
    };
    add(input.flags.contains(Flag::Question), w.question, &|| {
        "question".to_owned()
    });
    add(input.vip, w.vip, &|| "VIP".to_owned());
    // Loyalty rewards people who engage: a regular's bait is still bait
    // (and a bait account posting every week is no regular).
    let engaged = low.is_empty();
    add(engaged && input.loyal, w.loyal, &|| {
        loyal_reason(input.person_items)
    });
    add(engaged && input.left_waiting, w.left_waiting, &|| {
        "left waiting".to_owned()
    });

    let age = input.age_secs.max(0);
    let past = age.saturating_sub(input.target_secs.max(0)).max(0);
    let cap = i128::from(w.age_cap_days) * i128::from(DAY);
    if past > 0 {
        points += i128::from(w.per_day_past_target) * i128::from(past).min(cap) / i128::from(DAY);
        reasons.push(format!("waiting {}", crate::when::whole_units(age)));
    }

    if !low.is_empty() {
        let ceiling = i128::from(w.question)
            + i128::from(w.vip)
            + i128::from(w.loyal)
            + i128::from(w.left_waiting)
            + i128::from(w.per_day_past_target) * i128::from(w.age_cap_days);
        points -= i128::from(w.low_value_penalty).max(ceiling + 1);
    }
    let points = i64::try_from(points).unwrap_or(if points < 0 { i64::MIN } else { i64::MAX });
    (points, reasons)
}

fn label(f: Flag) -> &'static str {
    match f {
        Flag::Bait => "bait",
        Flag::LinkOnly => "link only",
        Flag::MentionOnly => "mention only",
        Flag::EmojiOnly => "emoji only",
        Flag::Copypasta => "copypasta",
        Flag::Question => "question",
    }
}

fn loyal_reason(items: u32) -> String {
    match items {
        0 => "loyal".to_owned(),
        1 => "loyal, 1 comment".to_owned(),
        n => format!("loyal, {n} comments"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3_600;

    fn item(flags: &[Flag]) -> PriorityInput {
        PriorityInput {
            flags: flags.iter().copied().collect(),
            vip: false,
            loyal: false,
            left_waiting: false,
            person_items: 1,
            age_secs: H,
            target_secs: 24 * H,
        }
    }

    #[test]
    fn fixture_orders_as_product_says() {
        let w = Weights::default();
        let loyal_waiting = PriorityInput {
            loyal: true,
            left_waiting: true,
            person_items: 12,
            ..item(&[])
        };
        let vip = PriorityInput {
            vip: true,
            ..item(&[])
        };
        let question = item(&[Flag::Question]);
        let overdue = PriorityInput {
            age_secs: 50 * H,
            ..item(&[])
        };
        let plain = item(&[]);
        let vip_bait = PriorityInput {
            vip: true,
            age_secs: 400 * 24 * H,
            ..item(&[Flag::Bait, Flag::Question])
        };
        let emoji = item(&[Flag::EmojiOnly]);
        let mut queue = [
            ("emoji", emoji),
            ("plain", plain),
            ("vip_bait", vip_bait),
            ("overdue", overdue),
            ("question", question),
            ("vip", vip),
            ("loyal_waiting", loyal_waiting),
        ];
        // Sort as the queue does: score, then oldest first.
        queue.sort_by_key(|(_, i)| {
            (
                std::cmp::Reverse(score(i, &w).0),
                std::cmp::Reverse(i.age_secs),
            )
        });
        let order: Vec<&str> = queue.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            order,
            [
                "loyal_waiting",
                "vip",
                "question",
                "overdue",
                "plain",
                "vip_bait",
                "emoji"
            ]
        );

        let (_, r) = score(&loyal_waiting, &w);
        assert_eq!(r, ["loyal, 12 comments", "left waiting"]);
        let (_, r) = score(&overdue, &w);
        assert_eq!(r, ["waiting 2 d"]);
        let (s, r) = score(&vip_bait, &w);
        assert!(s < 0);
        assert_eq!(r, ["bait (sinks)", "question", "VIP", "waiting 400 d"]);
        assert_eq!(score(&plain, &w), (0, vec![]));
    }

    #[test]
    fn low_value_sinks_whatever_the_weights() {
        let w = Weights {
            low_value_penalty: 0,
            vip: 1_000_000,
            ..Weights::default()
        };
        let best_bait = PriorityInput {
            vip: true,
            loyal: true,
            left_waiting: true,
            age_secs: i64::MAX,
            target_secs: 0,
            ..item(&[Flag::Copypasta, Flag::Question])
        };
        assert!(score(&best_bait, &w).0 < score(&item(&[]), &w).0);
    }

    #[test]
    fn a_regulars_bait_earns_no_loyalty() {
        let w = Weights::default();
        let regular = |flags: &[Flag]| PriorityInput {
            loyal: true,
            left_waiting: true,
            person_items: 9,
            ..item(flags)
        };
        let (_, reasons) = score(&regular(&[Flag::Bait]), &w);
        assert_eq!(reasons, ["bait (sinks)"]);
        assert_eq!(
            score(&regular(&[Flag::Bait]), &w).0,
            score(&item(&[Flag::Bait]), &w).0
        );
        let (_, reasons) = score(&regular(&[Flag::Question]), &w);
        assert_eq!(reasons, ["question", "loyal, 9 comments", "left waiting"]);
    }

    #[test]
    fn age_counts_only_past_target_and_is_capped() {
        let w = Weights::default();
        let at = |age: i64| {
            score(
                &PriorityInput {
                    age_secs: age,
                    ..item(&[])
                },
                &w,
            )
            .0
        };
        assert_eq!(at(23 * H), 0);
        assert_eq!(at(-5), 0);
        assert_eq!(at(48 * H), i64::from(w.per_day_past_target));
        assert_eq!(
            at(i64::MAX),
            i64::from(w.per_day_past_target) * i64::from(w.age_cap_days)
        );
        assert!(at(30 * H) < at(40 * H));
        assert!(is_loyal("x", "ann", 3, 0, &w) && !is_loyal("x", "ann", 2, 0, &w));
        assert!(
            !is_loyal("x", "(unknown)", 9, 0, &w)
                && !is_loyal("disqus", "Anonymous (guest)", 9, 0, &w)
        );
        // An account named so is one person.
        assert!(
            is_loyal("x", "Anonymous", 3, 0, &w) && !is_loyal("wordpress", "Anonymous", 3, 0, &w)
        );
        // A week less for each item dismissed as bait or spam.
        assert!(!is_loyal("x", "spammer", 4, 3, &w) && is_loyal("x", "fan", 20, 1, &w));
        assert!(!is_loyal("x", "spammer", 3, u32::MAX, &w));
        assert_eq!(weeks_to_count(2, &w), w.loyal_weeks + 2);
    }
}
