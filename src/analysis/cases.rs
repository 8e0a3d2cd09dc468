//! A table of real-looking comments and replies in several languages with the
//! expected verdict or flags, and property tests over arbitrary text.

use proptest::prelude::*;

use super::*;

/// One own reply and the verdict it must get.
struct V {
    platform: &'static str,
    handle: &'static str,
    name: Option<&'static str>,
    parent: Option<&'static str>,
    reply: &'static str,
    recipients: usize,
    verdict: Verdict,
    /// Substrings that must each appear in some reason.
    reasons: &'static [&'static str],
}

const fn v(
    platform: &'static str,
    handle: &'static str,
    name: Option<&'static str>,
    parent: Option<&'static str>,
    reply: &'static str,
    verdict: Verdict,
    reasons: &'static [&'static str],
) -> V {
    V {
        platform,
        handle,
        name,
        parent,
        reply,
        recipients: 1,
        verdict,
        reasons,
    }
}

use Verdict::{Canned, Generic, Personal};

const VERDICTS: &[V] = &[
    // --- a year, a score or a share given back is a wish or praise
    // echoed; an order's number is what they wrote
    v(
        "mastodon",
        "ny1",
        None,
        Some("Happy 2027 from Leeds!"),
        "@ny1 Happy 2027 to you too!",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@fan",
        None,
        Some("10/10 would buy again"),
        "Thanks! 😊 10/10 from us too",
        Generic,
        &["generic"],
    ),
    v(
        "instagram",
        "kim",
        None,
        Some("Order 45120 arrived with a torn bag"),
        "So sorry! A new one for 45120 goes out today",
        Personal,
        &["45120"],
    ),
    v(
        "instagram",
        "kim",
        None,
        Some("100% recommend the Kenya to everyone"),
        "100% agree!",
        Generic,
        &["generic"],
    ),
    // --- an attachment without a description is written `[image]`,
    // `[sticker]`: no word of anyone's
    v(
        "mastodon",
        "ann",
        None,
        Some("look at my setup\n[image]"),
        "@ann thanks!\n[image]",
        Generic,
        &["generic"],
    ),
    v(
        "facebook",
        "701",
        Some("María Fernández"),
        Some("[sticker]"),
        "[sticker]",
        Generic,
        &["generic: only an attachment, no words"],
    ),
    // --- a guest who left no name is "Anonymous" (WordPress, Disqus) and
    // a withheld author "(unknown)": calling them so addresses no one
    v(
        "wordpress",
        "Anonymous",
        None,
        Some("Is there a size guide?"),
        "Thanks Anonymous! Glad you liked it.",
        Generic,
        &["generic"],
    ),
    v(
        "disqus",
        "Anonymous (guest)",
        None,
        Some("Is there a size guide?"),
        "Thanks, anonymous guest!",
        Generic,
        &["generic"],
    ),
    v(
        "facebook",
        "(unknown)",
        None,
        Some("Is there a size guide?"),
        "Thanks, unknown friend, glad you liked it!",
        Generic,
        &["generic"],
    ),
    // --- a YouTube channel's id (no handle shown) is no one's name
    v(
        "youtube",
        "UCq9w8e7r6t5y4u3i2o1p0as",
        None,
        Some("Loved the moka pot guide"),
        "Thanks UCq9w8e7r6t5y4u3i2o1p0as! Glad you liked it.",
        Generic,
        &["generic"],
    ),
    // --- an @ before a name, where the platform has no handles (typed, or
    // Disqus's mention): it addresses them as the name alone does
    v(
        "wordpress",
        "Anna Smith",
        Some("Anna Smith"),
        Some("Lovely post!"),
        "@Anna thank you so much!",
        Personal,
        &["addresses @Anna"],
    ),
    v(
        "disqus",
        "bobreader",
        Some("Bob Reader"),
        Some("Is the docs link right?"),
        "@Bob Reader yes, it is.",
        Personal,
        &["addresses @Bob"],
    ),
    v(
        "wordpress",
        "Mark Twain",
        Some("Mark Twain"),
        Some("Nice."),
        "Thank you so much @Mark!",
        Personal,
        &["addresses @Mark"],
    ),
    v(
        "wordpress",
        "Anna Smith",
        Some("Anna Smith"),
        Some("Lovely post!"),
        "@Carla thank you so much!",
        Generic,
        &["generic"],
    ),
    // A name in an e-mail address addresses nobody.
    v(
        "wordpress",
        "Anna Smith",
        Some("Anna Smith"),
        Some("Lovely post!"),
        "mail anna@example.com please",
        Generic,
        &["generic"],
    ),
    v(
        "wordpress",
        "Anna Smith",
        Some("Anna Smith"),
        Some("Lovely post!"),
        "Anna, mail orders@example.com please",
        Personal,
        &["addresses Anna by name"],
    ),
    // --- the examples of PRODUCT.md and the brief
    V {
        recipients: 3,
        ..v(
            "wordpress",
            "joe",
            Some("Joe"),
            None,
            "Thanks for your comment!",
            Canned,
            &["canned: same text sent to 3 people"],
        )
    },
    V {
        recipients: 41,
        ..v(
            "youtube",
            "joe",
            Some("Joe Bloggs"),
            None,
            "Thanks for your comment, Joe!",
            Canned,
            &["canned: same text sent to 41 people"],
        )
    },
    V {
        recipients: 2,
        ..v(
            "youtube",
            "joe",
            Some("Joe Bloggs"),
            None,
            "Thanks for your comment, Joe!",
            Personal,
            &["addresses Joe by name"],
        )
    },
    v(
        "wordpress",
        "maria_l",
        Some("Maria Lopez"),
        Some("The coupon date on the banner says March 3 but the email says March 5."),
        "Thanks Maria, the coupon date is fixed now",
        Personal,
        &[
            "addresses Maria by name",
            "refers to what they wrote: coupon, date",
        ],
    ),
    // What a reply quotes of theirs (with the line naming whose it is)
    // is not what it says.
    v(
        "blog",
        "eve",
        Some("Eve Mail"),
        Some("The decaf tastes sour since the new batch"),
        "On Dec 1, Eve Mail wrote:\n> The decaf tastes sour since the new batch\n\nThanks for reaching out!",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    // A line of one's own before a quote is one's own.
    v(
        "blog",
        "bob",
        Some("Bob"),
        Some("Which grinder do you use?"),
        "Great point Bob, here is the grinder I meant:\n> Which grinder do you use?\nThanks!",
        Personal,
        &[
            "addresses Bob by name",
            "refers to what they wrote: grinder",
        ],
    ),
    // An emoticon is no quote.
    v(
        "blog",
        "cal",
        Some("Cal"),
        Some("The grinder broke"),
        ">_< sorry Cal, the grinder broke",
        Personal,
        &[
            "addresses Cal by name",
            "refers to what they wrote: grinder, broke",
        ],
    ),
    v(
        "blog",
        "eve",
        Some("Eve Mail"),
        Some("The decaf tastes sour since the new batch"),
        "> The decaf tastes sour\n\nSorry about the sour decaf: a new batch is on its way",
        Personal,
        &["refers to what they wrote: sour, decaf, batch"],
    ),
    // Thanks said back, in more languages, refers to nothing they wrote.
    v(
        "youtube",
        "@ivan",
        None,
        Some("Спасибо за видео, очень полезно"),
        "Спасибо большое!",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "youtube",
        "@ayse",
        None,
        Some("Teşekkürler, harika video"),
        "Teşekkürler!",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "youtube",
        "@kasia",
        None,
        Some("Dziękuję, świetny film"),
        "Dziękuję bardzo!",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    // A Chinese family name of one character, with how one addresses its
    // bearer.
    v(
        "weibo",
        "wangwei",
        Some("王 伟"),
        Some("什么时候发货"),
        "王先生，谢谢",
        Personal,
        &["addresses 王先生 by name"],
    ),
    v(
        "weibo",
        "zhangwei",
        Some("张伟"),
        Some("什么时候发货"),
        "谢谢张女士",
        Personal,
        &["addresses 张女士 by name"],
    ),
    // A name with an umlaut, spelled without it.
    v(
        "blog",
        "anna_m",
        Some("Anna Müller"),
        Some("Wann kommt die neue Mischung?"),
        "Liebe Frau Mueller, vielen Dank",
        Personal,
        &["addresses Müller by title and surname"],
    ),
    // "Anonymous" as a display name is no one's name.
    v(
        "wordpress",
        "Anonymous",
        Some("Anonymous"),
        Some("Great post"),
        "Thanks Anonymous!",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    // A plural in -ies is its singular, in -ie or in -y, either way round.
    v(
        "blog",
        "kim",
        None,
        Some("Loved the cookies"),
        "Which cookie was your favourite?",
        Personal,
        &["refers to what they wrote: cookie"],
    ),
    v(
        "blog",
        "kim",
        None,
        Some("Which city is next on the tour?"),
        "More cities are coming",
        Personal,
        &["refers to what they wrote: cities"],
    ),
    v(
        "blog",
        "kim",
        None,
        Some("How many calories are in it?"),
        "Each calorie is listed on the label",
        Personal,
        &["refers to what they wrote: calorie"],
    ),
    // 老/小 before a family name makes words too often to be a name.
    v(
        "weibo",
        "shiyu",
        Some("时雨"),
        Some("视频很好"),
        "等我一小时，谢谢！",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    // What they quoted (the owner's own words) is not what they wrote.
    v(
        "disqus",
        "maya",
        None,
        Some("> Try 16h at fridge temperature\n\nDid that, much better crust"),
        "Fridge temperature is the trick.",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "reddit",
        "crust_fan",
        None,
        Some(">Try 16h at fridge temperature\n\nDid that: the sourdough crust blistered"),
        "A blistered sourdough crust, well done!",
        Personal,
        &["refers to what they wrote: blistered, sourdough"],
    ),
    v(
        "youtube",
        "bob",
        Some("Bob"),
        Some("Loved it"),
        "@bob 👍",
        Generic,
        &["generic: only a name or @mention"],
    ),
    v(
        "github",
        "bob",
        Some("Bob"),
        Some("Loved it"),
        "@bob 👍",
        Generic,
        &["generic: only a name"],
    ),
    v(
        "mastodon",
        "carlos@mastodon.social",
        Some("Carlos Pérez"),
        Some("Great stream today"),
        "@carlos Thanks! 🙏",
        Generic,
        &[
            "generic: no name and nothing from their comment",
            "the leading @carlos is inserted by the platform",
        ],
    ),
    // The platform's @dave is not what calls him: the name written is.
    v(
        "youtube",
        "@dave",
        None,
        Some("Loved the latte art part"),
        "@dave Thanks Dave!",
        Personal,
        &[
            "addresses dave by their handle",
            "the leading @dave is inserted by the platform",
        ],
    ),
    v(
        "mastodon",
        "carlos@mastodon.social",
        Some("Carlos Pérez"),
        Some("Your grind guide finally fixed my bitter espresso"),
        "Thanks @carlos, glad the grind guide helped",
        Personal,
        &[
            "addresses @carlos",
            "refers to what they wrote: grind, guide",
        ],
    ),
    v(
        "wordpress",
        "lea",
        Some("Léa Martin"),
        Some("La livraison a pris trois semaines, c'est long."),
        "Merci Léa, bonne remarque sur la livraison",
        Personal,
        &["addresses Léa by name", "livraison"],
    ),
    v(
        "wordpress",
        "mark",
        Some("Mark Evans"),
        Some("FYI the coupon date is wrong on the checkout page"),
        "Good catch Mark on the coupon date",
        Personal,
        &["addresses Mark by name", "coupon, date"],
    ),
    // --- English
    v(
        "youtube",
        "ann",
        Some("Ann"),
        Some("Great video!"),
        "Thanks for watching!",
        Generic,
        &["generic: no name"],
    ),
    v(
        "wordpress",
        "sam",
        Some("Sam Lee"),
        Some("Nice write-up"),
        "Appreciate it, Sam!",
        Personal,
        &["addresses Sam by name"],
    ),
    v(
        "facebook",
        "kate",
        Some("Kate"),
        Some("Love your page"),
        "Thank you so much for your support ❤️",
        Generic,
        &[],
    ),
    v(
        "reddit",
        "u/kim_lee",
        None,
        Some("The flair bug is still there on mobile"),
        "u/kim_lee the flair bug should be gone now",
        Personal,
        &["addresses u/kim_lee", "flair"],
    ),
    v(
        "github",
        "alexdev",
        None,
        Some("Fixed the typo in the README"),
        "thanks alexdev for the review",
        Personal,
        &["addresses alexdev by their handle"],
    ),
    // Platforms with no display name: the handle holds the first name.
    v(
        "instagram",
        "maria.g",
        None,
        Some("Love the croissant, is it vegan?"),
        "@maria.g thanks Maria, enjoy!",
        Personal,
        &["addresses Maria by name"],
    ),
    v(
        "youtube",
        "@TomHanks-x7c",
        None,
        Some("Great video"),
        "@TomHanks-x7c thanks so much Tom for watching",
        Personal,
        &["addresses Tom by name"],
    ),
    v(
        "instagram",
        "sarahjones",
        None,
        Some("Love it"),
        "@sarahjones thanks Sarah!",
        Personal,
        &["addresses Sarah by name"],
    ),
    v(
        "threads",
        "lena_k",
        None,
        Some("Love it"),
        "Lena, thank you!",
        Personal,
        &["addresses Lena by name"],
    ),
    // Set off by a "!" French writes after a space.
    v(
        "instagram",
        "maria.g",
        None,
        Some("Love it"),
        "@maria.g à samedi, Maria !",
        Personal,
        &["addresses Maria by name"],
    ),
    // Not as a sentence's first word, where any word is capitalised; not
    // after a comma after thanks; not in lower case; not the word alone.
    v(
        "instagram",
        "greatcakes",
        None,
        Some("Love it"),
        "Great, thanks!",
        Generic,
        &[],
    ),
    v(
        "instagram",
        "best.bakes",
        None,
        Some("Love it"),
        "Thanks, Best wishes",
        Generic,
        &[],
    ),
    v(
        "instagram",
        "coffee.lover",
        None,
        Some("Love it"),
        "thanks, coffee is on its way",
        Generic,
        &[],
    ),
    v(
        "instagram",
        "maria.g",
        None,
        Some("Love it"),
        "@maria thanks!",
        Generic,
        &[],
    ),
    v(
        "wordpress",
        "pat",
        None,
        Some("Price shows 1999 instead of 19.99"),
        "Fixed: the price now shows 19.99",
        Personal,
        &["price, shows, 19.99"],
    ),
    v(
        "wordpress",
        "pat",
        None,
        Some("The coupon isn't working for me"),
        "The coupons are back, sorry about that",
        Personal,
        &["coupons"],
    ),
    v(
        "wordpress",
        "pat",
        None,
        Some("What about shipping?"),
        "We ship every Monday",
        Generic,
        &[],
    ),
    v(
        "mastodon",
        "carlos@mastodon.social",
        Some("Carlos"),
        None,
        "@carlos Thanks Carlos!",
        Personal,
        &[
            "addresses Carlos by name",
            "the leading @carlos is inserted by the platform",
        ],
    ),
    v(
        "mastodon",
        "carlos@mastodon.social",
        Some("Carlos"),
        None,
        "@ana @carlos@mastodon.social thanks!",
        Generic,
        &["the leading @carlos@mastodon.social is inserted"],
    ),
    v(
        "youtube",
        "@MariaG",
        Some("Maria G"),
        Some("At 3:45 the audio drops out"),
        "@MariaG thanks, you're right about 3:45",
        Personal,
        &["3:45"],
    ),
    v(
        "youtube",
        "@MariaG",
        Some("Maria G"),
        Some("At 3:45 the audio drops out"),
        "@MariaG thanks!",
        Generic,
        &["inserted by the platform"],
    ),
    v(
        "youtube",
        "newbie",
        None,
        Some("Just subscribed"),
        "Welcome aboard!",
        Generic,
        &[],
    ),
    v(
        "instagram",
        "lily.art",
        Some("Lily 🌸"),
        Some("Gorgeous colours"),
        "@lily.art 😍😍",
        Generic,
        &[],
    ),
    v(
        "instagram",
        "lily.art",
        Some("Lily 🌸"),
        Some("Gorgeous colours"),
        "@lily.art thank you Lily!",
        Personal,
        &["addresses Lily by name"],
    ),
    // Bluesky puts no @handle in a reply's text: one there is typed.
    v(
        "bluesky",
        "lee.bsky.social",
        None,
        None,
        "@lee.bsky.social Thank you!",
        Personal,
        &["addresses @lee.bsky.social"],
    ),
    v(
        "bluesky",
        "lee.bsky.social",
        None,
        None,
        "Thank you Lee, see you at the meetup",
        Personal,
        &["addresses lee by their handle"],
    ),
    v("threads", "sam", None, None, "@sam thanks!", Generic, &[]),
    v("wordpress", "sam", None, Some("Hi"), "", Generic, &[]),
    v(
        "wordpress",
        "sam",
        None,
        Some("where is the faq"),
        "https://docs.example.com/faq",
        Generic,
        &[],
    ),
    v(
        "youtube",
        "viewer1",
        None,
        Some("Loved this video!"),
        "Glad you enjoyed the video!",
        Generic,
        &[],
    ),
    v(
        "github",
        "octo",
        None,
        Some("Is there a keyboard shortcut for search?"),
        "Great question! Yes, the keyboard shortcut is Ctrl+K",
        Personal,
        &["keyboard, shortcut"],
    ),
    v(
        "wordpress",
        "dev",
        None,
        Some("Will 2.3 include dark mode?"),
        "Dark mode lands in 2.3",
        Personal,
        &["dark, mode, 2.3"],
    ),
    v(
        "wordpress",
        "tcg",
        Some("The Coffee Guy"),
        None,
        "Thanks for the support!",
        Generic,
        &[],
    ),
    v(
        "wordpress",
        "tcg",
        Some("The Coffee Guy"),
        None,
        "Cheers, The Coffee Guy, see you Friday",
        Personal,
        &["addresses The Coffee Guy by name"],
    ),
    v(
        "youtube",
        "joey",
        Some("Joey"),
        None,
        "Thanks Joe",
        Generic,
        &[],
    ),
    v(
        "wordpress",
        "x",
        Some("JOSÉ"),
        None,
        "gracias jose, buen punto",
        Personal,
        &["addresses JOSÉ by name"],
    ),
    v(
        "youtube",
        "someone",
        None,
        Some("First!"),
        "Haha, love it!",
        Generic,
        &[],
    ),
    // --- Spanish
    v(
        "instagram",
        "maria.lopez",
        Some("María López"),
        Some("El cupón no funciona en la app"),
        "¡Gracias María! El cupón ya funciona",
        Personal,
        &["addresses María by name", "cupón"],
    ),
    V {
        recipients: 5,
        ..v(
            "instagram",
            "x",
            None,
            None,
            "¡Gracias por tu comentario!",
            Canned,
            &["5 people"],
        )
    },
    v(
        "instagram",
        "x",
        None,
        Some("Me encanta"),
        "Gracias por comentar 😊",
        Generic,
        &[],
    ),
    v(
        "facebook",
        "tienda",
        None,
        Some("¿Hacen envíos a México?"),
        "Sí, hacemos envíos a México desde marzo",
        Personal,
        &["envíos, méxico"],
    ),
    v(
        "facebook",
        "javi",
        Some("Javier Ruiz"),
        None,
        "Hola Javier, gracias!",
        Personal,
        &["addresses Javier by name"],
    ),
    // --- French
    V {
        recipients: 3,
        ..v(
            "youtube",
            "x",
            None,
            None,
            "Merci pour votre commentaire !",
            Canned,
            &[],
        )
    },
    v(
        "youtube",
        "x",
        None,
        Some("Trop bien"),
        "Merci beaucoup !",
        Generic,
        &[],
    ),
    v(
        "wordpress",
        "lea",
        Some("Léa"),
        None,
        "Merci Lea",
        Personal,
        &["addresses Léa by name"],
    ),
    v(
        "instagram",
        "julien",
        Some("Julien"),
        Some("Superbe photo"),
        "@julien merci 🙏",
        Generic,
        &["inserted by the platform"],
    ),
    V {
        recipients: 3,
        ..v(
            "youtube",
            "paul",
            Some("Paul"),
            None,
            "Merci Paul !",
            Canned,
            &[],
        )
    },
    // --- German
    v(
        "wordpress",
        "jmueller",
        Some("Jürgen Müller"),
        Some("Ist der Versand nach Österreich kostenlos?"),
        "Danke Jürgen, der Versand nach Österreich ist jetzt kostenlos",
        Personal,
        &["addresses Jürgen by name", "versand"],
    ),
    v(
        "wordpress",
        "x",
        None,
        Some("Super Artikel"),
        "Danke für dein Feedback!",
        Generic,
        &[],
    ),
    v(
        "wordpress",
        "x",
        None,
        Some("Tolles Video"),
        "Vielen Dank!",
        Generic,
        &[],
    ),
    // --- Portuguese
    v(
        "instagram",
        "joao",
        Some("João Silva"),
        Some("O frete é grátis para Portugal?"),
        "Obrigado, João! O frete grátis vale para Portugal",
        Personal,
        &["addresses João by name", "frete"],
    ),
    v(
        "instagram",
        "x",
        None,
        Some("Amei"),
        "Obrigado pelo comentário!",
        Generic,
        &[],
    ),
    // --- Italian
    v(
        "youtube",
        "giulia",
        Some("Giulia"),
        Some("Farai la ricetta con il lievito madre?"),
        "Grazie Giulia, la ricetta con il lievito madre arriva a maggio",
        Personal,
        &["ricetta, lievito, madre"],
    ),
    v(
        "youtube",
        "x",
        None,
        Some("Bellissimo"),
        "Grazie mille!",
        Generic,
        &[],
    ),
    // --- Swedish
    v(
        "wordpress",
        "anna",
        Some("Anna"),
        Some("Hur lång tid tar leveransen till Malmö?"),
        "Tack Anna! Leveransen till Malmö tar två dagar",
        Personal,
        &["leveransen, malmö"],
    ),
    v(
        "wordpress",
        "x",
        None,
        Some("Snygg bild"),
        "Tack för kommentaren!",
        Generic,
        &[],
    ),
    // --- Japanese
    v(
        "youtube",
        "tanaka_k",
        Some("田中 健"),
        Some("クーポンの日付が間違っています"),
        "田中さん、クーポンの日付を修正しました",
        Personal,
        &["addresses 田中 by name", "クーポン, 日付"],
    ),
    v(
        "youtube",
        "user123",
        None,
        Some("クーポンの日付が間違っています"),
        "クーポンの日付を修正しました",
        Personal,
        &["クーポン, 日付"],
    ),
    v(
        "youtube",
        "user123",
        None,
        Some("素晴らしい動画でした"),
        "コメントありがとうございます！",
        Generic,
        &[],
    ),
    v(
        "youtube",
        "user123",
        None,
        Some("ありがとうございます、助かりました"),
        "ありがとうございます！",
        Generic,
        &[],
    ),
    v(
        "youtube",
        "yamada",
        Some("山田太郎"),
        None,
        "山田さん、いつもありがとう",
        Personal,
        &["addresses 山田 by name"],
    ),
    // --- Chinese
    v(
        "youtube",
        "wang",
        None,
        Some("发货时间写错了"),
        "谢谢！发货时间已经更新了",
        Personal,
        &["发货时间"],
    ),
    v(
        "youtube",
        "wang",
        None,
        Some("视频很好看"),
        "谢谢你的评论！",
        Generic,
        &[],
    ),
    // --- Arabic
    v(
        "facebook",
        "ahmed",
        Some("أحمد علي"),
        Some("رابط التحميل لا يعمل"),
        "شكرا أحمد، تم إصلاح رابط التحميل",
        Personal,
        &["addresses أحمد by name", "رابط, التحميل"],
    ),
    v(
        "facebook",
        "ahmed",
        None,
        Some("فيديو رائع"),
        "شكرا جزيلا على تعليقك",
        Generic,
        &[],
    ),
    // --- Korean
    v(
        "youtube",
        "minji",
        None,
        Some("쿠폰이 안 돼요"),
        "감사합니다! 쿠폰 오류는 수정했어요",
        Personal,
        &["쿠폰"],
    ),
    v(
        "youtube",
        "minji",
        None,
        Some("영상 최고"),
        "감사합니다!",
        Generic,
        &[],
    ),
    // --- names that are also words: called, or only written
    v(
        "github",
        "mturner",
        Some("Mark Turner"),
        Some("Love this!"),
        "We'll mark the date soon",
        Generic,
        &["generic: no name"],
    ),
    v(
        "github",
        "gkim",
        Some("Grace Kim"),
        Some("When does it end?"),
        "There is a grace period of two weeks",
        Generic,
        &["generic: no name"],
    ),
    v(
        "facebook",
        "1001",
        Some("Bill Evans"),
        Some("Nice!"),
        "The bill comes in the package",
        Generic,
        &["generic: no name"],
    ),
    // A sentence that starts with thanks calls a name only right after
    // them ("thanks so much mark"), not in the clause that follows.
    v(
        "github",
        "mturner",
        Some("Mark Turner"),
        Some("Love this!"),
        "Thanks, we'll mark the date on the site.",
        Generic,
        &["generic: no name"],
    ),
    v(
        "github",
        "gkim",
        Some("Grace Kim"),
        Some("When does it end?"),
        "Thank you, there is a grace period so no fee applies.",
        Generic,
        &["generic: no name"],
    ),
    v(
        "facebook",
        "1002",
        Some("Faith Adams"),
        Some("Still here after all these years!"),
        "Thanks for keeping the faith!",
        Generic,
        &["generic: no name"],
    ),
    v(
        "facebook",
        "1003",
        Some("Faith Adams"),
        Some("Still here after all these years!"),
        "thank you so much faith",
        Personal,
        &["addresses Faith"],
    ),
    // A Chinese name of three characters: one family character, two given.
    v(
        "bilibili",
        "wxm",
        Some("王小明"),
        Some("讲得很清楚"),
        "小明，谢谢！",
        Personal,
        &["addresses 小明"],
    ),
    // A compliment echoed back refers to nothing they wrote.
    v(
        "wordpress",
        "ana",
        Some("Ana Souza"),
        Some("Adorei!"),
        "Adorei também, obrigado!",
        Generic,
        &["generic"],
    ),
    v(
        "wordpress",
        "max",
        Some("Max Weber"),
        Some("Perfekt, danke"),
        "Perfekt, gern geschehen",
        Generic,
        &["generic"],
    ),
    v(
        "wordpress",
        "lena",
        Some("Lena Roth"),
        Some("Wunderschön!"),
        "Wunderschön, danke!",
        Generic,
        &["generic"],
    ),
    v(
        "wordpress",
        "sam",
        Some("Sam Lee"),
        Some("Delicious!"),
        "Delicious indeed 🙏",
        Generic,
        &["generic"],
    ),
    // A month after a preposition of time is that month, not April called.
    v(
        "youtube",
        "@april",
        Some("April Jones"),
        Some("When can I buy it?"),
        "Pre-orders open in April.",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@june",
        Some("June Carter"),
        Some("Is it sold out?"),
        "Back in stock from June 1.",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@april",
        Some("April Jones"),
        Some("When can I buy it?"),
        "April, pre-orders open next week!",
        Personal,
        &["addresses April by name"],
    ),
    // What follows the name in a display name is not its surname: pronouns
    // in brackets, a suffix, a tagline.
    v(
        "instagram",
        "anna.b",
        Some("Anna Berg (she/her)"),
        Some("My order arrived broken."),
        "So sorry Ms. Berg, a replacement is on its way.",
        Personal,
        &["addresses Berg by title and surname"],
    ),
    v(
        "youtube",
        "@rdj",
        Some("Robert Downey Jr."),
        Some("Great grinder!"),
        "Thank you Mr. Downey!",
        Personal,
        &["addresses Downey by title and surname"],
    ),
    v(
        "youtube",
        "@jgoodall",
        Some("Jane Goodall, PhD"),
        Some("Lovely shop."),
        "Thank you Dr. Goodall!",
        Personal,
        &["addresses Goodall by title and surname"],
    ),
    v(
        "youtube",
        "@sarahc",
        Some("Sarah Cole | Coffee Nerd"),
        Some("Lovely shop."),
        "Thanks Sarah!",
        Personal,
        &["addresses Sarah by name"],
    ),
    // "Nat" is no title before a name: Nat Friedman is called Nat.
    v(
        "github",
        "nat",
        Some("Nat Friedman"),
        Some("Build fails on arm64 with the new release."),
        "Thanks Nat, fixed!",
        Personal,
        &["addresses Nat by name"],
    ),
    // Wishes echoed back and the kind of post are no topic.
    v(
        "instagram",
        "lea",
        None,
        Some("Merry Christmas to the whole team! 🎄"),
        "Merry Christmas to you too!",
        Generic,
        &["generic"],
    ),
    v(
        "instagram",
        "lea",
        None,
        Some("Happy Thanksgiving to the whole team!"),
        "Happy Thanksgiving to you too!",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@gio",
        None,
        Some("Buon Natale!"),
        "Buon Natale anche a te!",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@li",
        None,
        Some("新年快乐！"),
        "新年快乐！",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@sam",
        None,
        Some("God bless you"),
        "God bless you too!",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@ana",
        None,
        Some("Frohes neues Jahr!"),
        "Frohes neues Jahr!",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@zara",
        None,
        Some("Eid Mubarak to you and your team!"),
        "Eid Mubarak!",
        Generic,
        &["generic"],
    ),
    v(
        "instagram",
        "lea",
        None,
        Some("Loved this recipe, made it twice already"),
        "So glad you loved the recipe!",
        Generic,
        &["generic"],
    ),
    v(
        "instagram",
        "latte",
        None,
        Some("Which beans?"),
        "Try the Kenyan ones as a latte",
        Generic,
        &["generic: no name"],
    ),
    v(
        "reddit",
        "u/espresso",
        None,
        Some("Nice"),
        "Works for espresso or filter",
        Generic,
        &["generic: no name"],
    ),
    v(
        "wordpress",
        "clb",
        Some("Coffee Lovers Berlin"),
        Some("Yum"),
        "Good coffee takes time",
        Generic,
        &["generic: no name"],
    ),
    v(
        "github",
        "mturner",
        Some("Mark Turner"),
        Some("Love this!"),
        "thanks mark for the note",
        Personal,
        &["addresses Mark by name"],
    ),
    v(
        "github",
        "mturner",
        Some("Mark Turner"),
        Some("Love this!"),
        "great point, mark",
        Personal,
        &["addresses Mark by name"],
    ),
    v(
        "github",
        "mturner",
        Some("Mark Turner"),
        Some("Love this!"),
        "Glad Mark spotted it",
        Personal,
        &["addresses Mark by name"],
    ),
    v(
        "github",
        "mturner",
        Some("Mark Turner"),
        Some("Love this!"),
        "Mark, the date is fixed now",
        Personal,
        &["addresses Mark by name"],
    ),
    v(
        "instagram",
        "latte",
        None,
        Some("Which beans?"),
        "gracias latte, los de Kenia",
        Personal,
        &["addresses latte by their handle"],
    ),
    // --- a title before the first name
    v(
        "wordpress",
        "scole",
        Some("Dr. Sarah Cole"),
        Some("Great read"),
        "Thanks Sarah!",
        Personal,
        &["addresses Sarah by name"],
    ),
    v(
        "wordpress",
        "icosta",
        Some("Prof. Ines Costa"),
        Some("Ótimo"),
        "Obrigado, Ines!",
        Personal,
        &["addresses Ines by name"],
    ),
    v(
        "wordpress",
        "jw",
        Some("Herr Jürgen Weber"),
        Some("Super"),
        "Danke Jürgen!",
        Personal,
        &["addresses Jürgen by name"],
    ),
    // --- no words: neither canned nor a name alone
    V {
        recipients: 3,
        ..v(
            "instagram",
            "ana",
            None,
            Some("Love it"),
            "❤️",
            Generic,
            &["generic: only emoji or punctuation, no words"],
        )
    },
    V {
        recipients: 4,
        ..v(
            "wordpress",
            "ana",
            None,
            Some("Love it"),
            "",
            Generic,
            &["generic: an empty reply"],
        )
    },
    // Combining marks alone (a stray accent, a Thai vowel sign) are no
    // word either, nor a name.
    V {
        recipients: 3,
        ..v(
            "instagram",
            "ana",
            None,
            Some("Love it"),
            "\u{301}\u{e31}",
            Generic,
            &["generic: only emoji or punctuation, no words"],
        )
    },
    // A custom emoji's shortcode is an emoji: no word to share or to send
    // to many.
    V {
        recipients: 3,
        ..v(
            "github",
            "kai",
            None,
            Some("Merged the docs fix :tada:"),
            ":tada:",
            Generic,
            &["generic: only emoji or punctuation, no words"],
        )
    },
    v(
        "mastodon",
        "@kai@h.io",
        None,
        Some("2.3.1 is great :blobcat_heart:"),
        "@kai@h.io :blobcat_heart: :+1:",
        Generic,
        &[
            "generic: only a name or @mention, nothing said",
            "the leading @kai@h.io is inserted by the platform",
        ],
    ),
    v(
        "github",
        "kai",
        Some("Kai Berg"),
        Some("Merged the docs fix :tada:"),
        "Thanks Kai :tada:",
        Personal,
        &["addresses Kai by name"],
    ),
    // A handle's piece is the word they asked about, not their name.
    v(
        "github",
        "docker_dan",
        Some("Dan Miller"),
        Some("Does it run in Docker?"),
        "Yes, there's an official Docker image.",
        Personal,
        &["refers to what they wrote: docker"],
    ),
    // A title and the surname, in Dutch, Polish and Italian.
    v(
        "wordpress",
        "jj",
        Some("Jan Jansen"),
        Some("Mijn account is weg"),
        "Beste meneer Jansen, we hebben uw account hersteld.",
        Personal,
        &["addresses Jansen by title and surname"],
    ),
    v(
        "wordpress",
        "mn",
        Some("Maria Neri"),
        Some("Ordine in ritardo"),
        "Gentile Sig.ra Neri, grazie.",
        Personal,
        &["addresses Neri by title and surname"],
    ),
    // A display name's "Sig.ra" or "Dott.ssa" is a title: the first name follows.
    v(
        "wordpress",
        "mg",
        Some("Sig.ra Maria Gallo"),
        Some("Ordine arrivato"),
        "Cara Maria, a presto!",
        Personal,
        &["addresses Maria by name"],
    ),
    v(
        "wordpress",
        "ef",
        Some("Dott.ssa Elena Ferri"),
        Some("Ottimo servizio"),
        "Ciao Elena, buona giornata",
        Personal,
        &["addresses Elena by name"],
    ),
    v(
        "wordpress",
        "gr",
        Some("Giulia Rossi"),
        Some("Ottimo servizio"),
        "Gentile Dott.ssa Rossi, grazie a lei!",
        Personal,
        &["addresses Rossi by title and surname"],
    ),
    v(
        "youtube",
        "rsharma",
        Some("Rahul Sharma"),
        Some("Great tutorial"),
        "Sharma ji, thank you so much!",
        Personal,
        &["addresses Sharma by title and surname"],
    ),
    // A developer's word that is a name: the dev build, your RAM.
    v(
        "github",
        "devp",
        Some("Dev Patel"),
        Some("It crashes on start"),
        "Fixed in the dev build, release soon.",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "github",
        "ramk",
        Some("Ram Kumar"),
        Some("It crashes on start"),
        "Please attach the output of `dpkg -l` and your RAM size.",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "github",
        "devp",
        Some("Dev Patel"),
        Some("It crashes on start"),
        "Thanks Dev, fixed!",
        Personal,
        &["addresses Dev by name"],
    ),
    // Wishes and thanks echoed back, in more languages.
    v(
        "wordpress",
        "w1",
        None,
        Some("Buone feste a tutti!"),
        "Buone feste anche a te!",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "wordpress",
        "w2",
        None,
        Some("Fijne feestdagen!"),
        "Jij ook fijne feestdagen!",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "wordpress",
        "w3",
        None,
        Some("Mutlu yıllar!"),
        "Size de mutlu yıllar!",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "wordpress",
        "w4",
        None,
        Some("あけましておめでとうございます！今年もよろしくお願いします"),
        "あけましておめでとうございます！今年もよろしくお願いします",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "wordpress",
        "w5",
        None,
        Some("Wesołych Świąt!"),
        "Wesołych Świąt!",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "youtube",
        "w6",
        None,
        Some("Shukriya bhai, aise hi support karte raho"),
        "Bahut shukriya bhai!",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    // --- a title and the surname: formal address
    v(
        "wordpress",
        "am",
        Some("Anna Müller"),
        Some("Super"),
        "Vielen Dank, Frau Müller!",
        Personal,
        &["addresses Müller by title and surname"],
    ),
    v(
        "wordpress",
        "md",
        Some("Marie Dubois"),
        Some("Super"),
        "Merci Madame Dubois !",
        Personal,
        &["addresses Dubois by title and surname"],
    ),
    v(
        "github",
        "tt",
        Some("Tom Turner"),
        Some("Nice"),
        "Thanks Mr. Turner",
        Personal,
        &["addresses Turner by title and surname"],
    ),
    v(
        "github",
        "tt",
        Some("Tom Turner"),
        Some("Nice"),
        "The turner is broken",
        Generic,
        &["generic: no name"],
    ),
    // --- a name that is no everyday word counts wherever it is written
    v(
        "wordpress",
        "sc",
        Some("Sarah Cole"),
        Some("Great read"),
        "thanks so much sarah!!",
        Personal,
        &["addresses Sarah by name"],
    ),
    v(
        "wordpress",
        "sc",
        Some("Sarah Cole"),
        Some("Great read"),
        "glad you liked it sarah",
        Personal,
        &["addresses Sarah by name"],
    ),
    v(
        "wordpress",
        "sc",
        Some("Sarah Cole"),
        Some("Great read"),
        "Sarah you made my day",
        Personal,
        &["addresses Sarah by name"],
    ),
    v(
        "wordpress",
        "mt",
        Some("Marie Tran"),
        Some("Super"),
        "merci beaucoup marie",
        Personal,
        &["addresses Marie by name"],
    ),
    v(
        "wordpress",
        "mi",
        Some("Мария Иванова"),
        Some("Класс"),
        "спасибо мария",
        Personal,
        &["addresses Мария by name"],
    ),
    v(
        "reddit",
        "u/coffeenerd",
        None,
        Some("Nice"),
        "coffeenerd you nailed it",
        Personal,
        &["addresses coffeenerd by their handle"],
    ),
    v(
        "github",
        "octocat",
        None,
        Some("Nice"),
        "nice find octocat",
        Personal,
        &["addresses octocat by their handle"],
    ),
    v(
        "github",
        "dj",
        Some("Don Johnson"),
        Some("Nice"),
        "Thanks Don!",
        Personal,
        &["addresses Don by name"],
    ),
    // --- a greeting in the sentence before calls nobody in this one
    v(
        "github",
        "mturner",
        Some("Mark Turner"),
        Some("Love this!"),
        "Thanks! Mark your calendars for the 5th",
        Generic,
        &["generic: no name"],
    ),
    v(
        "github",
        "gkim",
        Some("Grace Kim"),
        Some("When does it end?"),
        "Sorry. Grace period ended yesterday",
        Generic,
        &["generic: no name"],
    ),
    v(
        "instagram",
        "latte",
        None,
        Some("Which beans?"),
        "Thanks! Latte art takes practice",
        Generic,
        &["generic: no name"],
    ),
    v(
        "github",
        "mturner",
        Some("Mark Turner"),
        Some("Love this!"),
        "thanks so much mark for the note",
        Personal,
        &["addresses Mark by name"],
    ),
    // --- models and plurals quoted back, titles in a row
    v(
        "youtube",
        "@brewer",
        None,
        Some("My grinder setting is 18 clicks for the V60"),
        "V60 fans unite!",
        Personal,
        &["refers to what they wrote: v60"],
    ),
    v(
        "reddit",
        "gamer",
        None,
        Some("My PS5 overheats in summer"),
        "Sorry about the PS5, try a stand",
        Personal,
        &["refers to what they wrote: ps5"],
    ),
    v(
        "wordpress",
        "kim",
        Some("Kim"),
        Some("This roast tastes like blueberries"),
        "Blueberry notes are the best part",
        Personal,
        &["refers to what they wrote: blueberry"],
    ),
    v(
        "wordpress",
        "anna",
        Some("Dr. med. Anna Schmidt"),
        Some("Tolles Video"),
        "Danke Anna!",
        Personal,
        &["addresses Anna by name"],
    ),
    // --- A name that is also a word, after an article, is that word
    // (German writes every noun capitalised).
    v(
        "youtube",
        "@ernst",
        Some("Ernst Bauer"),
        Some("Schöne Tasse!"),
        "Im Ernst: die Bohnen kommen morgen",
        Generic,
        &[],
    ),
    v(
        "youtube",
        "@rose",
        Some("Rose Klein"),
        Some("Schönes Design!"),
        "Die Rose im Logo ist neu, danke",
        Generic,
        &[],
    ),
    v(
        "youtube",
        "@rose",
        Some("Rose Klein"),
        Some("Schönes Design!"),
        "Danke, Rose! Das freut uns",
        Personal,
        &["addresses Rose by name"],
    ),
    v(
        "youtube",
        "@rose",
        Some("Rose Klein"),
        Some("Schönes Design!"),
        "Vielen Dank an Rose!",
        Personal,
        &["addresses Rose by name"],
    ),
    // --- Their comment given back between quotation marks refers to
    // nothing; a few of its words quoted do.
    v(
        "youtube",
        "@ann",
        Some("Ann Lee"),
        Some("The Guji has such a blueberry note, incredible"),
        "“The Guji has such a blueberry note, incredible” 🙏",
        Generic,
        &[],
    ),
    v(
        "youtube",
        "@ann",
        Some("Ann Lee"),
        Some("The Guji has such a blueberry note, incredible"),
        "\"The Guji has such a blueberry note, incredible\" - thank you!",
        Generic,
        &[],
    ),
    v(
        "youtube",
        "@yuki",
        Some("ゆき"),
        Some("浅煎りのエチオピアが大好きです"),
        "「浅煎りのエチオピアが大好きです」ありがとうございます！",
        Generic,
        &[],
    ),
    v(
        "youtube",
        "@ann",
        Some("Ann Lee"),
        Some("The Guji has such a blueberry note, incredible, and the Kenya too"),
        "So glad the “blueberry note” comes through in your cup!",
        Personal,
        &["refers to what they wrote: blueberry"],
    ),
    // --- East Asian names: an honorific right after, the given name
    // A surname in Latin letters with an honorific, as with a title.
    v(
        "youtube",
        "@yuki",
        Some("Yuki Tanaka"),
        Some("浅煎りが好き"),
        "Tanakaさん、ありがとう！",
        Personal,
        &["addresses Tanaka by title and surname"],
    ),
    v(
        "youtube",
        "@yuki",
        Some("Yuki Tanaka"),
        Some("I love the light roast"),
        "Tanaka-san, thank you!",
        Personal,
        &["addresses Tanaka by title and surname"],
    ),
    v(
        "youtube",
        "@minjun",
        Some("Min-jun Kim"),
        Some("커피 맛있어요"),
        "Kim님, 감사합니다!",
        Personal,
        &["addresses Kim by title and surname"],
    ),
    // A surname with its honorific or title and nothing else says nothing.
    v(
        "youtube",
        "@yuki",
        Some("Yuki Tanaka"),
        Some("I love the light roast"),
        "Tanakaさん",
        Generic,
        &["generic: only a name or @mention, nothing said"],
    ),
    v(
        "youtube",
        "@ann",
        Some("Ann Müller"),
        Some("Tolles Video"),
        "Frau Müller!",
        Generic,
        &["generic: only a name or @mention, nothing said"],
    ),
    // A first name that is also a word, alone but for an emoji, is the
    // name alone as "Joe 🙏" is; with words after it, a word.
    v(
        "wordpress",
        "Ed Kim",
        Some("Ed Kim"),
        Some("Lovely roast"),
        "Ed ❤️",
        Generic,
        &["generic: only a name or @mention, nothing said"],
    ),
    v(
        "wordpress",
        "May Lin",
        Some("May Lin"),
        Some("Lovely roast"),
        "Thanks so much May 🙏",
        Personal,
        &["addresses May by name"],
    ),
    v(
        "wordpress",
        "Will Smith",
        Some("Will Smith"),
        Some("Does it ship to Canada?"),
        "Will 🙏 do soon",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    // An ASCII emoticon stands with a name as an emoji does.
    v(
        "wordpress",
        "Sarah",
        Some("Sarah Lee"),
        Some("Lovely roast"),
        "Sarah <3",
        Generic,
        &["generic: only a name or @mention, nothing said"],
    ),
    v(
        "wordpress",
        "Ed Kim",
        Some("Ed Kim"),
        Some("Lovely roast"),
        "Ed :)",
        Generic,
        &["generic: only a name or @mention, nothing said"],
    ),
    v(
        "wordpress",
        "Will Smith",
        Some("Will Smith"),
        Some("Lovely roast"),
        "Will <3",
        Generic,
        &["generic: only a name or @mention, nothing said"],
    ),
    // A word that opens a later sentence, or ends one, is a word.
    v(
        "wordpress",
        "May Lin",
        Some("May Lin"),
        Some("Is the Yirgacheffe back yet?"),
        "Sold out for now. May.",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "wordpress",
        "May Lin",
        Some("May Lin"),
        Some("Is the Yirgacheffe back yet?"),
        "Not yet, sorry! Expected: May 🤞",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "wordpress",
        "Will Smith",
        Some("Will Smith"),
        Some("Does it ship to Canada?"),
        "Yes. Will 👍",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "youtube",
        "@espresso",
        None,
        Some("What do you drink in the morning?"),
        "Simple: espresso ☕",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "youtube",
        "@coffee",
        None,
        Some("What do you drink in the morning?"),
        "Easy. Coffee ☕☕",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    v(
        "wordpress",
        "June Park",
        Some("June Park"),
        Some("When do the summer beans arrive?"),
        "Soon! June 🌞",
        Generic,
        &["generic: no name and nothing from their comment"],
    ),
    // The surname alone is no address: "Tanaka" is a place too.
    v(
        "youtube",
        "@yuki",
        Some("Yuki Tanaka"),
        Some("I love the light roast"),
        "Thanks, the Tanaka blend is back soon",
        Generic,
        &[],
    ),
    v(
        "youtube",
        "@joeramos",
        Some("Joe Ramos"),
        Some("最高のコーヒー"),
        "Joeさん、ありがとう！",
        Personal,
        &["addresses Joe by name"],
    ),
    v(
        "youtube",
        "@taro",
        Some("山田太郎"),
        Some("美味しかった"),
        "太郎さん、ありがとう！",
        Personal,
        &["addresses 太郎 by name"],
    ),
    v(
        "youtube",
        "@taro",
        Some("山田 太郎"),
        Some("美味しかった"),
        "太郎さん、ありがとう！",
        Personal,
        &["addresses 太郎 by name"],
    ),
    v(
        "youtube",
        "@minjun",
        Some("김민준"),
        Some("커피 맛있어요"),
        "민준님 감사합니다",
        Personal,
        &["addresses 민준 by name"],
    ),
    // --- thanks for sharing, great work: praise that names no topic
    v(
        "youtube",
        "@lucia",
        None,
        Some("Gracias por compartir"),
        "Gracias a ti por compartir",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@jonas",
        None,
        Some("Danke fürs Teilen, weiter so!"),
        "Gerne, danke fürs Teilen",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@ana",
        None,
        Some("Excelente trabalho, obrigado por compartilhar"),
        "Obrigado por compartilhar também, o trabalho continua",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@claire",
        None,
        Some("Merci pour le partage, super travail"),
        "Merci à vous pour le partage et le travail",
        Generic,
        &["generic"],
    ),
    // --- another form of their word: an inflection, a spelling
    v(
        "x",
        "kim",
        None,
        Some("The app crashed twice today"),
        "Sorry about the crashes — 4.2 fixes them",
        Personal,
        &["refers to what they wrote: crashes"],
    ),
    v(
        "x",
        "kim",
        None,
        Some("My order was delayed again"),
        "Apologies for the delays, the new courier starts Monday",
        Personal,
        &["delays"],
    ),
    v(
        "instagram",
        "kim",
        None,
        Some("Love the new flavours"),
        "Glad you like the flavors!",
        Personal,
        &["flavors"],
    ),
    v(
        "x",
        "kim",
        None,
        Some("Lovely evening at the roastery"),
        "Thanks for coming to the event",
        Generic,
        &["generic"],
    ),
    // --- a name in kanji and kana, initials, an umlaut typed out
    v(
        "youtube",
        "@hiroshi",
        Some("佐藤ひろし"),
        Some("美味しかった"),
        "佐藤さん、ありがとうございます！",
        Personal,
        &["addresses 佐藤さん by name"],
    ),
    // Its kana alone are no name: part of a word, or of a phrase.
    v(
        "youtube",
        "@mari",
        Some("田中まり"),
        Some("美味しかった"),
        "あまり寒くないですね、ありがとうございます",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@kansha",
        Some("感謝ありがとう"),
        Some("美味しかった"),
        "ありがとうございます！",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@miki",
        Some("高橋みき"),
        Some("美味しかった"),
        "みきさん、ありがとう！",
        Personal,
        &["addresses みきさん by name"],
    ),
    v(
        "x",
        "ajo",
        Some("A.J. Okafor"),
        Some("Huge milestone!"),
        "Thanks AJ! Big week for the team",
        Personal,
        &["addresses AJ by name"],
    ),
    // Initials run together are often a word too: only called.
    v(
        "x",
        "acs",
        Some("A.C. Slater"),
        Some("Huge milestone!"),
        "Keep the beans away from the AC.",
        Generic,
        &["generic"],
    ),
    v(
        "x",
        "ojp",
        Some("O.J. Park"),
        Some("Huge milestone!"),
        "Try it with a splash of OJ.",
        Generic,
        &["generic"],
    ),
    v(
        "x",
        "kcj",
        Some("K.C. Jones"),
        Some("Huge milestone!"),
        "Great point, KC.",
        Personal,
        &["addresses KC by name"],
    ),
    // British and American spellings, and a stem of five letters.
    v(
        "x",
        "kim",
        None,
        Some("My order was cancelled again"),
        "Sorry it got canceled, we're on it.",
        Personal,
        &["canceled"],
    ),
    v(
        "x",
        "kim",
        None,
        Some("Could you organise a tasting at the centre?"),
        "We'll organize one at the center in May!",
        Personal,
        &["organize", "center"],
    ),
    v(
        "x",
        "kim",
        None,
        Some("Your jewellery prices went up"),
        "The jewelry is priced by weight now",
        Personal,
        &["jewelry", "priced"],
    ),
    // The act thanked for is the stock thanks, whatever they wrote of it.
    v(
        "x",
        "kim",
        None,
        Some("Ordering on the app was so easy"),
        "Thanks for ordering!",
        Generic,
        &["generic"],
    ),
    v(
        "x",
        "kim",
        None,
        Some("Visiting your shop was the highlight of my trip"),
        "Thank you so much for visiting!",
        Generic,
        &["generic"],
    ),
    // So is the thing of any comment thanked for, and the day wished back
    // a good one; what else the reply takes from the comment still counts.
    v(
        "x",
        "kim",
        None,
        Some("Suggestion: a dark mode for the app"),
        "Thanks for the suggestion!",
        Generic,
        &["generic"],
    ),
    v(
        "x",
        "kim",
        None,
        Some("Suggestion: a dark mode for the app"),
        "Thanks for the suggestion, dark mode is on the roadmap",
        Personal,
        &["dark", "mode"],
    ),
    v(
        "x",
        "kim",
        None,
        Some("Just left you a 5 star review, best shoutout ever"),
        "Thank you so much for the kind review!",
        Generic,
        &["generic"],
    ),
    v(
        "x",
        "kim",
        None,
        Some("Have a great weekend guys"),
        "Have a great weekend too!",
        Generic,
        &["generic"],
    ),
    v(
        "x",
        "kim",
        None,
        Some("Happy Sunday everyone"),
        "Happy Sunday to you!",
        Generic,
        &["generic"],
    ),
    v(
        "x",
        "kim",
        None,
        Some("Just ordered the Konga."),
        "Thank you so much for your order!",
        Generic,
        &["generic"],
    ),
    v(
        "x",
        "kim",
        None,
        Some("Have a great weekend everyone!"),
        "Have a fantastic weekend!",
        Generic,
        &["generic"],
    ),
    // Turkish and Indonesian words of grammar say nothing of a comment.
    v(
        "youtube",
        "@ayse",
        None,
        Some("Tarif için teşekkürler, kek harika oldu!"),
        "İzlediğiniz için teşekkürler! İyi hafta sonları!",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@budi",
        None,
        Some("Terima kasih untuk resepnya, saya sudah mencoba"),
        "Terima kasih untuk komentarnya, sudah menonton!",
        Generic,
        &["generic"],
    ),
    // Only the day wished is stock: said again, or had, it is theirs.
    v(
        "x",
        "kim",
        None,
        Some("Do you deliver on Saturday?"),
        "Happy Saturday! Yes, Saturday too",
        Personal,
        &["saturday"],
    ),
    v(
        "x",
        "kim",
        None,
        Some("Any chance of a slot on Thursday?"),
        "We have a Thursday at ten free, booked you in",
        Personal,
        &["thursday"],
    ),
    // A day answered, not wished: what they asked about.
    v(
        "x",
        "kim",
        None,
        Some("Are you open on Sunday?"),
        "Yes, Sunday from 9 to 5",
        Personal,
        &["sunday"],
    ),
    // Not a gerund after another sentence's thanks, nor after "much".
    v(
        "x",
        "kim",
        None,
        Some("Which carrier do you use for shipping?"),
        "Thank you! For shipping we use DHL now.",
        Personal,
        &["shipping"],
    ),
    v(
        "x",
        "kim",
        None,
        Some("What does shipping cost to Norway these days?"),
        "Not much for shipping, about 5 euros.",
        Personal,
        &["shipping"],
    ),
    // A name that is an everyday word, as that word on both sides, is the
    // word they wrote; as a name, it is theirs.
    v(
        "x",
        "bstone",
        Some("Bill Stone"),
        Some("The bill shows the wrong plan."),
        "We fixed the bill, sorry!",
        Personal,
        &["refers to what they wrote: bill"],
    ),
    v(
        "x",
        "mark",
        Some("Mark Lee"),
        Some("Mark here, love it"),
        "Mark!",
        Generic,
        &["generic"],
    ),
    // A derivation is another word.
    v(
        "x",
        "kim",
        None,
        Some("The final was great"),
        "We'll finalize the winter menu soon",
        Generic,
        &["generic"],
    ),
    // Initials that are a word call nobody.
    v(
        "x",
        "okb",
        Some("O. K. Bello"),
        Some("Huge milestone!"),
        "OK, thanks!",
        Generic,
        &["generic"],
    ),
    // Initials written as words of their own.
    v(
        "x",
        "ajo",
        Some("A. J. Okafor"),
        Some("Huge milestone!"),
        "Thanks AJ, see you!",
        Personal,
        &["addresses AJ by name"],
    ),
    // Two words that start alike are not forms of one.
    v(
        "x",
        "kim",
        None,
        Some("I pressed the button and nothing"),
        "Thanks! No pressure.",
        Generic,
        &["generic"],
    ),
    v(
        "x",
        "kim",
        None,
        Some("Love the classic blend!"),
        "Thanks! Sign up for our classes.",
        Generic,
        &["generic"],
    ),
    // "みなさん" is everyone, not Mina.
    v(
        "youtube",
        "@mina",
        Some("佐藤みな"),
        Some("美味しかった"),
        "みなさん、ありがとうございます！",
        Generic,
        &["generic"],
    ),
    // A gerund thanks the act: "Subscribed!" is not what it refers to.
    v(
        "youtube",
        "@sub",
        None,
        Some("Just ordered!"),
        "Thanks for ordering!",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@sub",
        None,
        Some("Subscribed!"),
        "Thanks for subscribing!",
        Generic,
        &["generic"],
    ),
    v(
        "youtube",
        "@sub",
        None,
        Some("Love it, followed"),
        "Thanks for the follow!",
        Generic,
        &["generic"],
    ),
    v(
        "mastodon",
        "jw@chaos.social",
        Some("Juergen Weber"),
        Some("Tolle Röstung"),
        "Danke Jürgen!",
        Personal,
        &["addresses Juergen by name"],
    ),
];

#[test]
fn verdict_table() {
    let cfg = AnalysisConfig::builtin();
    let mut failures = Vec::new();
    for case in VERDICTS {
        let j = judge(
            &ReplyInput {
                reply_body: case.reply,
                platform: case.platform,
                addressee_handle: case.handle,
                addressee_name: case.name,
                parent_body: case.parent,
                same_text_recipients: case.recipients,
                written_here: false,
            },
            cfg,
        );
        // SHOW_CASES=1 prints every judgement, to review the table by eye.
        if std::env::var_os("SHOW_CASES").is_some() {
            eprintln!("{:<60} {:?}", case.reply, j);
        }
        let missing: Vec<_> = case
            .reasons
            .iter()
            .filter(|r| !j.reasons.iter().any(|got| got.contains(*r)))
            .collect();
        if j.verdict != case.verdict || !missing.is_empty() {
            failures.push(format!(
                "{:?} on {}: got {:?}, want {:?} {:?}",
                case.reply, case.platform, j, case.verdict, missing
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

use Flag::{Bait, EmojiOnly, LinkOnly, MentionOnly, Question};

/// Incoming bodies and exactly the flags `classify` must give them.
const FLAGS: &[(&str, &[Flag])] = &[
    // --- English
    ("follow me back!", &[Bait]),
    // A question that asks for the bait asks nothing owed an answer.
    ("Follow for follow? 🙏", &[Bait]),
    ("sub4sub??", &[Bait]),
    ("Which is why I love this channel", &[]),
    ("Who else is watching in 2026", &[]),
    ("Which mic is that", &[Question]),
    (
        "follow for follow! also, do you ship to Canada?",
        &[Bait, Question],
    ),
    ("sub4sub? where did you get that mic?", &[Bait, Question]),
    // "&" is gone in words form; the asks for a subscription back.
    ("Like my pics & I'll like yours", &[Bait]),
    // Written without the apostrophe, in capitals.
    ("LIKE MY PAGE AND ILL LIKE YOURS", &[Bait]),
    ("can you follow back?", &[Bait]),
    ("Nice feed, I always follow back", &[Bait]),
    ("follow back pls", &[Bait]),
    ("follow me", &[Bait]),
    // A customer asking to be followed up is no bait, nor is "follow me"
    // in a sentence.
    (
        "Can you follow back up on my refund? Order 5531",
        &[Question],
    ),
    ("Follow me on this: the refund never came", &[]),
    ("I'll follow back up with support tomorrow", &[]),
    ("I'll follow you back!", &[Bait]),
    ("follow back pls, do you ship to Canada?", &[Bait, Question]),
    ("I subbed, sub back?", &[Bait]),
    ("sub to me pls", &[Bait]),
    // Asking for help with one's account is no self-promotion, nor is a
    // dog or a cat that follows one around.
    (
        "Could you look at my account? I was charged twice",
        &[Question],
    ),
    (
        "can you check my page? the booking widget isn't loading",
        &[Question],
    ),
    (
        "Can you take a look at my account? I was charged twice for the V60 kit.",
        &[Question],
    ),
    (
        "Could you visit my store in Lisbon and fix the espresso machine you sold us?",
        &[Question],
    ),
    ("Did you buy views for this video?", &[Question]),
    // A customer asks to have their account looked at beside what went
    // wrong there, in a sentence of its own too; a follow-up is asked for;
    // free subscribers are a tier.
    (
        "Please take a look at my account, I was charged twice for the same coffee",
        &[],
    ),
    (
        "Kindly check out my account, funds not reflecting since Monday",
        &[],
    ),
    (
        "Check out my latest statement, there's a fee I never agreed to",
        &[],
    ),
    ("Please follow me up on my refund, ticket 4411", &[]),
    ("Regardez mon compte. J'ai été débité deux fois !", &[]),
    ("Revisa mi perfil, me cobraron dos veces", &[]),
    (
        "Dá uma olhada no meu perfil, não consigo entrar no app",
        &[],
    ),
    ("Do free subscribers get the new skins?", &[Question]),
    ("Are the webinars open to free subscribers?", &[Question]),
    ("Get free subscribers now, link in bio", &[Bait]),
    ("Check out my account 🔥", &[Bait]),
    // The tier asked about, and a user's trouble beside "DM me", "follow
    // me on Twitch", "my blog" (probe HI).
    (
        "Will the bonus episode be available for free subscribers too?",
        &[Question],
    ),
    ("Are free subscribers getting the PDF too?", &[Question]),
    (
        "Please DM me, I lost all my followers after the update",
        &[],
    ),
    (
        "Why can't people follow me on Twitch after the update?",
        &[Question],
    ),
    (
        "Can you take a look at my blog? Your embed widget isn't loading",
        &[Question],
    ),
    ("DM me for more followers, cheap and fast", &[Bait]),
    ("Are free subscribers a tier now?", &[Question]),
    ("Is there a free subscribers tier", &[Question]),
    // Spam in the same shapes (HJ).
    (
        "DM me to recover hacked accounts or lost followers, fast and cheap",
        &[Bait],
    ),
    (
        "Inbox me if you don't want to lose followers ever again, real growth guaranteed",
        &[Bait],
    ),
    (
        "Hacked account? DM me, I recover lost followers",
        &[Bait, Question],
    ),
    (
        "Check out my blog if your account got hacked or suspended, I get it back in 24h",
        &[Bait],
    ),
    ("Visit my shop, prices reset every Monday 🔥", &[Bait]),
    ("Visit my store, nothing works better for growth", &[Bait]),
    (
        "Take a look at my blog, your followers will never be stuck again",
        &[Bait],
    ),
    ("Follow me on Twitch, streaming tonight", &[Bait]),
    ("Take a look at my blog 🔥 new post every day", &[Bait]),
    // The brand's own collab or programme, a shout-out to someone named.
    (
        "Congrats on the collab with Mozilla! PM me if you need help testing",
        &[],
    ),
    ("DM me about the ambassador program, I'd love to apply", &[]),
    (
        "Take a look at my account please, my subscription disappeared",
        &[],
    ),
    (
        "Visit my profile page in your app, it shows someone else's name",
        &[],
    ),
    // Spam the shields let be: what it says beside them is no customer's.
    ("DM me for a shout out to your page", &[Bait]),
    ("Love your feed! DM us for the collab 💕", &[Bait]),
    ("free subs get instantly at www.subz.biz", &[Bait]),
    (
        "Get thousands of free subscribers instantly, link in bio",
        &[Bait],
    ),
    ("check out my account, I post daily, money tips", &[Bait]),
    ("Need money? Check out my profile!", &[Bait, Question]),
    // What went wrong, however they say it (probe BT).
    (
        "Please take a look at my account, I was double billed this month",
        &[],
    ),
    (
        "Take a look at my account, my payment failed but the money left my bank",
        &[],
    ),
    (
        "Take a look at my account, the coupon didn't apply at checkout",
        &[],
    ),
    (
        "Check out my account page, the download button is greyed out",
        &[],
    ),
    (
        "If you visit my profile you'll see the avatar upload is broken",
        &[],
    ),
    (
        "Can you take a look at my profile? My verified badge disappeared",
        &[Question],
    ),
    (
        "Allez voir mon compte svp, le paiement a échoué deux fois",
        &[],
    ),
    ("麻烦关注我的订单进度，已经一周了", &[]),
    ("Thanks for the follow back! Love your roasts ☕", &[]),
    // Spam with a customer's words in it, and spam of other shapes.
    (
        "Take a look at my account 🔥 new drops every week, no login needed, free shipping on every order!",
        &[Bait],
    ),
    (
        "Check out my account 👉 I teach how to get a refund on any order, DM me REFUND",
        &[Bait],
    ),
    (
        "Apply for the ambassador program at @glowbeauty.co, DM us",
        &[Bait],
    ),
    (
        "About the sponsorship: we sponsor pages like yours, message us",
        &[Bait],
    ),
    (
        "Are free subs real? YES! Get 1000 at freesubz dot com 🚀",
        &[Bait],
    ),
    ("Shoutout for shoutout? DM me", &[Bait]),
    ("Want to grow your followers? DM me", &[Bait]),
    ("Get 10k real followers in 24h 👉 link in bio", &[Bait]),
    (
        "Lost your crypto to scammers? Recovery expert @cyber_recoverypro helped me get my funds back, DM him",
        &[Bait, Question],
    ),
    ("DM @glowpromo_official to be featured", &[Bait]),
    (
        "💰 I made $8,500 in one week trading bitcoin with Mrs. Jessica Brown, contact her on WhatsApp",
        &[Bait],
    ),
    ("Want more followers? DM me 📩", &[Bait]),
    ("Like my latest post and I'll like all of yours 😘", &[Bait]),
    (
        "Could you check out my account? It says my email is already in use",
        &[Question],
    ),
    ("Would you mind checking out my latest video? 🥺", &[Bait]),
    ("F.4.F", &[Bait]),
    ("I follow back 100%", &[Bait]),
    ("Check out my\npage too", &[Bait]),
    ("Follow balik ya kak", &[Bait]),
    ("Подпишись на меня, я подпишусь в ответ", &[Bait]),
    // A shield's problem is said as a problem (probe BW): spam saying
    // "won't" or "twice" is still spam.
    ("Check out my profile, you won't regret it 😍", &[Bait]),
    ("Take a look at my profile, I post twice a day 🔥", &[Bait]),
    (
        "Check out my account, I doubled my savings in a week, it never failed me",
        &[Bait],
    ),
    // More of what went wrong, and thanks for a follow back elsewhere.
    (
        "Take a look at my account, I cannot log in since Monday",
        &[],
    ),
    ("Take a look at my account, it got hacked", &[]),
    (
        "Check out my account, my order was cancelled by mistake",
        &[],
    ),
    ("Merci pour le follow en retour !", &[]),
    ("感谢回关！", &[]),
    ("Terima kasih sudah follow balik", &[]),
    (
        "I was checking out my latest order and the beans look great",
        &[],
    ),
    // Probe BX: customers…
    (
        "Take a look at my account, my card was declined at the checkout twice.",
        &[],
    ),
    (
        "Take a look at my account please, a payment of $240 went out that I never made.",
        &[],
    ),
    (
        "Visit my account page on your website, it shows someone else's address.",
        &[],
    ),
    (
        "Miren mi perfil en la app, no aparecen mis puntos de fidelidad.",
        &[],
    ),
    (
        "Kijk eens op mijn profiel, mijn punten zijn verdwenen.",
        &[],
    ),
    (
        "フォロー返しありがとうございます！コーヒー楽しみです。",
        &[],
    ),
    (
        "Congrats on the collab! Please DM me when the mugs restock.",
        &[],
    ),
    (
        "The free subscribers can't export PDF, is that intended?",
        &[Question],
    ),
    ("Support said they would follow back. Still nothing.", &[]),
    ("Quando arriva il nuovo gioco", &[Question]),
    // … and spam.
    ("Tu me suis, je te suis 😘", &[Bait]),
    ("Abonniere mich und ich abonniere zurück!", &[Bait]),
    (
        "Can you guys subscribe to me? Trying to reach 1k subs",
        &[Bait],
    ),
    (
        "Everyone who follows me gets a follow back, let's grow together",
        &[Bait],
    ),
    (
        "Please like and share my page, it would mean a lot 🙏",
        &[Bait],
    ),
    ("DM us for promo 🚀 we grow your page to 10k", &[Bait]),
    (
        "Promote your brand to 200k followers, DM for price",
        &[Bait],
    ),
    (
        "Hi, I'm a social media manager. DM me to grow your page organically",
        &[Bait],
    ),
    (
        "Great shot! We'd love to feature you on our page, DM us 📩",
        &[Bait],
    ),
    (
        "Ambassador wanted! DM @glowcosmetics_official to join our team 💄",
        &[Bait],
    ),
    (
        "Buy real Instagram followers cheap at growfast dot com",
        &[Bait],
    ),
    (
        "I was scammed too but Mr James helped me recover my funds, inbox him",
        &[Bait],
    ),
    (
        "I made $5,000 a week trading with Mrs Evelyn, message her on WhatsApp +1 555 0199",
        &[Bait],
    ),
    ("check my profile 👀🔥", &[Bait]),
    // Ordinary comments the new bait must not take.
    (
        "Congrats on 50k! Can't wait to see you get 100k subscribers 🎉",
        &[],
    ),
    (
        "My account got hacked last week. Please help me recover it",
        &[],
    ),
    (
        "Lost my wallet on the train, staff recovered it next day, thank you!",
        &[],
    ),
    ("Shot this at f/4, f/8 was too dark in that light", &[]),
    ("I checked out my account and the refund never arrived", &[]),
    (
        "Just checked out my latest order, the box arrived crushed",
        &[],
    ),
    ("I always follow my channel's comments closely", &[]),
    (
        "Please follow me up on the delivery, it's been 2 weeks",
        &[],
    ),
    (
        "Can I DM you a photo of my latte to be featured",
        &[Question],
    ),
    // A shield keeps its request, not what it reads beside it.
    ("Check out my account! Sub4sub, I post twice a day", &[Bait]),
    (
        "Got your wallet hacked? Check out my account, I recover lost crypto 💯",
        &[Bait, Question],
    ),
    (
        "Check out my account for how I turned a $500 balance into $20k 📈",
        &[Bait],
    ),
    (
        "Mira mi perfil, sígueme y te sigo, no me deja de crecer el saldo",
        &[Bait],
    ),
    ("DM us for the collab with our brand 💰", &[Bait]),
    ("DM me for the sponsorship of your next video", &[Bait]),
    (
        "Want to know how many free subs you can get? subboost.io",
        &[Bait],
    ),
    (
        "How many free subscribers do you have compared to paid ones?",
        &[Question],
    ),
    ("Check out my latest video! Wrong answers only lol", &[Bait]),
    (
        "Dá uma olhada no meu perfil, consigo 1000 seguidores por dia",
        &[Bait],
    ),
    ("Mira mi perfil, gana dinero con mi app", &[Bait]),
    ("DM me for a collab 💕", &[Bait]),
    ("let's be mutuals 💕", &[Bait]),
    ("gimme a follow and I'll return it", &[Bait]),
    // A follow-up asked for, however it goes on, is a customer's.
    ("Please follow me up with an email about the refund", &[]),
    (
        "Can someone please follow me up? My refund is 3 weeks late",
        &[Question],
    ),
    ("pls follow me up on this", &[]),
    ("Please follow me up on instagram @fitgirl_22 ❤️", &[Bait]),
    // Reciprocity and promotion in more shapes.
    ("boost for boost?", &[Bait]),
    ("Mutual?", &[Bait]),
    ("相互登録お願いします！", &[Bait]),
    ("Je m'abonne, tu t'abonnes ? 🙏", &[Bait, Question]),
    ("Vendo seguidores baratos, manda DM", &[Bait]),
    ("gain 10k followers in a week, link in bio", &[Bait]),
    ("Want 1000 followers? Visit our bio", &[Bait]),
    ("Promote your page with us, DM for details", &[Bait]),
    ("DM me for a paid promotion, serious offers only", &[Bait]),
    ("Like and retweet my pinned post and I'll do yours", &[Bait]),
    ("Great giveaway, check my bio!", &[Bait]),
    ("Nice pics! Check my profile for free giveaways", &[Bait]),
    (
        "Hi dear, I'm an investment manager, I can help you earn bitcoin, message me",
        &[Bait],
    ),
    (
        "Shameless plug: my subreddit r/breadmemes needs members, join us!",
        &[Bait],
    ),
    (
        "Beautiful! Would love it if you checked out my shop too 🛍️",
        &[Bait],
    ),
    (
        "Quelqu'un sait si c'est compatible avec Android",
        &[Question],
    ),
    // What the same words say in a customer's or a fan's comment.
    (
        "How did you gain 10k followers so fast? I'm stuck at 300",
        &[Question],
    ),
    (
        "It took me three years to gain 500 subscribers, your tips finally helped",
        &[],
    ),
    (
        "What's the best way to promote your music on Spotify? Asking as a new artist",
        &[Question],
    ),
    (
        "I tried to make a bitcoin withdrawal and the app shows an error message",
        &[],
    ),
    (
        "Please check my bio link, it stopped loading since your update",
        &[],
    ),
    (
        "I'd love it if you checked out my order #4412, it has been stuck for two weeks",
        &[],
    ),
    (
        "Would you mind checking out my order? It never arrived",
        &[Question],
    ),
    (
        "Estou vendo seguidores reclamando que o app trava ao abrir",
        &[],
    ),
    (
        "Please follow me up on my instagram @fitgirl_22 ❤️",
        &[Bait],
    ),
    (
        "Quelqu'un a volé mon colis devant ma porte, merci de me rembourser.",
        &[],
    ),
    // Customer care in the words scams use: a contact form, support, a
    // shop, are no one to contact; a profile beside what went wrong there.
    (
        "Got my money back after the double charge. Contact form works fine now, thanks!",
        &[],
    ),
    (
        "My account was hacked last night, how do I recover it? I already tried to contact support.",
        &[Question],
    ),
    (
        "I run a trading card shop, can I order the gift boxes through WhatsApp?",
        &[Question],
    ),
    (
        "I recovered my lost bitcoin with the help of Mr. James, contact him on WhatsApp",
        &[Bait],
    ),
    (
        "Does the barista course help you make more money as a freelancer?",
        &[Question],
    ),
    (
        "Can you take a look at my profile? It still shows the free plan after I paid.",
        &[Question],
    ),
    (
        "Check my profile. The badge I earned last month is gone.",
        &[],
    ),
    (
        "Revisa mi perfil, no me aparece la suscripción que pagué.",
        &[],
    ),
    (
        "Regardez mon compte. L'abonnement a été annulé sans raison.",
        &[],
    ),
    (
        "Confira o meu perfil, a assinatura sumiu depois da atualização.",
        &[],
    ),
    (
        "Kijk eens op mijn profiel, mijn abonnement staat ineens op gepauzeerd.",
        &[],
    ),
    // Thanks for a follow back, as people write it.
    ("Thanks for the followback! Loved your talk.", &[]),
    (
        "Thanks for the mutual follow, loved your thread on accessibility.",
        &[],
    ),
    ("Makasih udah follow balik akun toko kami!", &[]),
    ("Geri takip için teşekkürler!", &[]),
    ("感谢你们关注我们学校的活动！", &[]),
    // Growth and free subscribers asked about; a fan who follows.
    (
        "Free subscribers can't see the recipe archive, is that intended?",
        &[Question],
    ),
    (
        "Do you offer free subs for students? I'm a teacher.",
        &[Question],
    ),
    (
        "How did you get 10k real subscribers so fast? I'm stuck at 300 after a year.",
        &[Question],
    ),
    (
        "I follow you for more tips on espresso, keep them coming!",
        &[],
    ),
    (
        "Can you send me a message to explain the promo? The code fails at checkout.",
        &[Question],
    ),
    ("عملت فولو بعد الفيديو، شكرا على الشرح", &[]),
    // Spam that borrows the shields' words stays bait.
    ("Your video says it all!! sub4sub?", &[Bait]),
    (
        "Your page says you love coffee, check out my channel for latte art",
        &[Bait],
    ),
    (
        "Check out my profile, I paid off all my debts with crypto trading 💰",
        &[Bait],
    ),
    ("Check out my profile before it's gone 🔥", &[Bait]),
    ("Can someone check out my profile? 😘", &[Bait]),
    (
        "I got my money back! Contact +1 (555) 010-0199 now",
        &[Bait],
    ),
    (
        "I got my funds back, dm @recoverywizard on instagram",
        &[Bait],
    ),
    (
        "Trading with Anna Smith changed my life, WhatsApp +1 555 0100",
        &[Bait],
    ),
    (
        "Here's how to get your money back: message Mr Adams on WhatsApp +1 555 0100",
        &[Bait],
    ),
    ("Follow me here for daily memes 🔥", &[Bait]),
    (
        "Could you DM me for a collab? I have a great offer",
        &[Bait],
    ),
    (
        "Follow me and I will follow you back to support each other",
        &[Bait],
    ),
    ("Subbed and won't cancel, sub back pls", &[Bait]),
    ("Free subscribers can be yours at growfast dot com", &[Bait]),
    ("Get free subs for your channel at subboost dot io", &[Bait]),
    ("We offer free subs for every new channel, DM us", &[Bait]),
    ("Ich abonniere zurück, wenn du mich abonnierst", &[Bait]),
    ("相互フォローの方募集中です！", &[Bait]),
    ("请关注我们的频道", &[Bait]),
    (
        "Your videos help people make sense of crypto taxes, thank you!",
        &[],
    ),
    ("I also follow you for more tips, great recipe", &[]),
    // An account's problem typed without apostrophes, or in its own words.
    ("pls take a look at my account it wont let me pay", &[]),
    ("take a look at my account, I cant log in", &[]),
    (
        "can you take a look at my profile my points r gone",
        &[Question],
    ),
    (
        "could you take a look at my profile? it says my loyalty points are 0 but I had 450",
        &[Question],
    ),
    (
        "can u take a look at my profile my avatar wont upload",
        &[Question],
    ),
    // Spam in the shapes it takes.
    ("Buy 1000 real followers for only $5! DM me now 💯", &[Bait]),
    ("DM me for promo 📩 cheap rates", &[Bait]),
    (
        "Scammed? Lost access to your wallet? Contact @RecoverFundsPro, they got my 2.3 BTC back. WhatsApp +44 7700 900123",
        &[Bait, Question],
    ),
    // Questions typed without a question mark.
    (
        "is the sale on the website too or only in store",
        &[Question],
    ),
    ("are your candles safe around cats", &[Question]),
    ("are the mugs dishwasher safe", &[Question]),
    ("These beans are the best I have had", &[]),
    // Follow-ups as customers write them.
    (
        "Please follow me up on order 4510, nobody answered my email",
        &[],
    ),
    ("please follow me up on ticket 88213", &[]),
    ("Please follow me up regarding my refund", &[]),
    ("Please follow me up, it's urgent. Order 4510", &[]),
    // The brand's words quoted, a re-subscription, one's shop's order.
    (
        "Your post says DM for price. How much is the grinder?",
        &[Question],
    ),
    ("The email said claim your prize but the link is dead.", &[]),
    (
        "I cancelled last year but I'm going to subscribe back now that you have decaf.",
        &[],
    ),
    (
        "Take a look at my store's order from Monday, you sent the wrong beans.",
        &[],
    ),
    (
        "Mira mis videos del molinillo roto, el motor hace un ruido raro.",
        &[],
    ),
    (
        "Mándame un mensaje con el código de la promoción, no me llegó.",
        &[],
    ),
    (
        "Venez voir ma page, j'ai posté les photos du colis abîmé.",
        &[],
    ),
    ("Le bouton Abonnez-vous ne marche pas sur l'appli.", &[]),
    (
        "Dá uma olhada no meu site, o plugin de vocês quebrou o checkout.",
        &[],
    ),
    ("Ich abonniere zurück, sobald die Zahlung wieder geht.", &[]),
    ("フォロバしてくださってありがとうございます！", &[]),
    ("私のチャンネル登録者さんたちもこの豆が好きです。", &[]),
    ("私のチャンネルも登録してね", &[Bait]),
    ("相互フォローの友達に教えてもらいました。", &[]),
    ("谢谢你们关注我妈妈的咖啡店，她很开心。", &[]),
    (
        "Can you give me a follow-up call about my order?",
        &[Question],
    ),
    // A bait pattern's words do not run across a sentence's end.
    (
        "Is the workshop free? Subscribers got a code last time.",
        &[Question],
    ),
    (
        "Where do you buy. Views from the top are great",
        &[Question],
    ),
    // A cook's "sub", not a subscription asked back.
    (
        "Is it okay if I sub back the butter with coconut oil?",
        &[Question],
    ),
    ("Follow me! I post daily", &[Bait]),
    // What a customer's words shield is only those words: bait beside them
    // is bait.
    ("Can u check out my shop, sub4sub pls", &[Bait]),
    ("Did you buy views, or do sub4sub?", &[Bait, Question]),
    // Bait split by a full stop or an ellipsis.
    ("Like my page. I'll like yours", &[Bait]),
    ("Like my pics! I will like yours", &[Bait]),
    ("Check out my... channel", &[Bait]),
    ("Revisa mi cuenta por favor, me cobraron dos veces", &[]),
    ("Mein Hund folgt mir überall hin, genau wie deiner 😂", &[]),
    ("O meu gato me segue pela casa igualzinho ao seu 😂", &[]),
    ("f4f", &[Bait]),
    ("#l4l #like4like", &[Bait]),
    ("sub4sub anyone", &[Bait]),
    // Hidden from filters by joiners or fullwidth letters.
    ("s\u{200c}ub4sub", &[Bait]),
    ("fol\u{200d}low for fol\u{200d}low", &[Bait]),
    ("ｆｏｌｌｏｗ　ｆｏｒ　ｆｏｌｌｏｗ", &[Bait]),
    ("Check out my channel, I post daily beats", &[Bait]),
    ("Like my page and I’ll like yours 😊", &[Bait]),
    ("DM me for collab 📩", &[Bait]),
    ("Want a shoutout? DM us", &[Bait, Question]),
    ("Nice shot! Check out my page too", &[Bait]),
    ("Buy real active followers at cheap prices", &[Bait]),
    // A customer's words that bait phrases hold: no bait, the question kept.
    (
        "Is the new burr set a like for like replacement for the old one?",
        &[Question],
    ),
    (
        "Can you check my channel membership? It didn't renew this month",
        &[Question],
    ),
    (
        "DM me the promo code please, it never arrived in my email",
        &[],
    ),
    (
        "Can you message me about the promotion? The discount didn't apply at checkout",
        &[Question],
    ),
    (
        "Can I check my bio-degradable pods in the compost?",
        &[Question],
    ),
    ("Je suis moi-même barista à Lyon, super article !", &[]),
    (
        "Je suis moi aussi fan de ce café, vous livrez à Lyon ?",
        &[Question],
    ),
    ("Sígueme contando cómo va la nueva tienda", &[]),
    ("Seguimi nel ragionamento: la macinatura conta", &[]),
    ("Where can I check my profile?", &[Question]),
    (
        "My membership didn't renew, could you check my channel?",
        &[Question],
    ),
    ("Is it a like for like?", &[Question]),
    (
        "Could you DM me for promo details about the festival booth? We're a school",
        &[Question],
    ),
    (
        "Je regarde mon compte client et je ne vois pas la facture",
        &[],
    ),
    (
        "Moi qui suis moi-même pâtissière, j'adore cette recette",
        &[],
    ),
    ("Sígueme y te cuento cómo quedó el pan", &[]),
    // The same words as bait.
    ("like for like", &[Bait]),
    ("pls like for like 🙏", &[Bait]),
    ("Check my page for more!", &[Bait]),
    ("DM for collab 📩", &[Bait]),
    ("Folgt mir für mehr Kaffee-Content", &[Bait]),
    ("DM me for promo 📩", &[Bait]),
    ("suis-moi 🙏", &[Bait]),
    ("Abonne-toi et suis-moi", &[Bait]),
    ("Suivez mon compte pour plus de recettes", &[Bait]),
    ("Regarde mon profil 😉", &[Bait]),
    ("sígueme 🙏", &[Bait]),
    ("seguimi!", &[Bait]),
    ("Do you ship to Canada?", &[Question]),
    ("Do you ship to Canada", &[Question]),
    ("I know how it works.", &[]),
    ("How do I reset my password", &[Question]),
    ("What a ride!", &[]),
    ("What a great video", &[]),
    ("How cool is that!", &[]),
    // Praise exclaimed without a "!" (probe HI).
    ("What beautiful colours 😍", &[]),
    ("What perfect timing 😂", &[]),
    ("How gorgeous 😍", &[]),
    ("How exciting, congrats on the new shop", &[]),
    ("Wie lecker 😍", &[]),
    ("Hoe lekker 😍", &[]),
    ("Qué delicia 😍", &[]),
    ("Quel talent 👏", &[]),
    ("Hur gott 😍", &[]),
    ("How exciting is the sequel going to be?", &[Question]),
    // A question to someone later in the clause still asks (HJ).
    (
        "What amazing camera do you use for these shots",
        &[Question],
    ),
    ("What fun games can I play with the kids", &[Question]),
    (
        "What perfect lens would you recommend for portraits",
        &[Question],
    ),
    ("How cool is that", &[]),
    ("Great video, what mic do you use", &[Question]),
    ("Hi Alex! Is there a dark mode", &[Question]),
    ("Can I use this with Python 3.12?", &[Question]),
    ("I followed the guide and it works", &[]),
    ("Follow the instructions in the README", &[]),
    ("Love this!", &[]),
    ("https://youtu.be/abc123", &[LinkOnly]),
    ("https://example.com/x?y=1 🔥", &[LinkOnly]),
    ("see https://example.com/x?y=1", &[]),
    // A disguised link (as HTML bodies come, and markdown) is only a link.
    // Bait read in the address too.
    (
        "[click here](https://spam.example/buy-followers)",
        &[Bait, LinkOnly],
    ),
    (
        "[Rust](https://en.wikipedia.org/wiki/Rust_(language)) 🔥",
        &[LinkOnly],
    ),
    ("I wrote about it in [my blog](https://x.example/b).", &[]),
    (
        "[see](https://x.example/a) [here](https://x.example/b)",
        &[LinkOnly],
    ),
    (
        "[see](https://x.example/a) or [here](https://x.example/b)",
        &[],
    ),
    ("@bob @carol 👀", &[MentionOnly]),
    ("@bob", &[MentionOnly]),
    ("@bob look at this", &[]),
    ("🔥🔥🔥", &[EmojiOnly]),
    ("👏🏽👏🏽", &[EmojiOnly]),
    ("❤️", &[EmojiOnly]),
    ("!!!", &[EmojiOnly]),
    ("❓", &[EmojiOnly, Question]),
    // A custom emoji's shortcode, a sticker or a GIF alone: like-only; a
    // photo alone may show anything, a word between colons is a word.
    (":blobcat: :blobcat:", &[EmojiOnly]),
    (":+1:", &[EmojiOnly]),
    (":-1: :tada:", &[EmojiOnly]),
    ("10:30:45", &[]),
    // A contributor's own work is no bait; reciprocity on code sites is.
    (
        "Check out my latest commit, it fixes the segfault in the watcher",
        &[],
    ),
    (
        "Take a look at my latest PR, it adds the nushell completions",
        &[],
    ),
    ("check out my latest", &[Bait]),
    ("upvote for upvote?", &[Bait]),
    ("star for star?", &[Bait]),
    ("sub za sub?", &[Bait]),
    ("Star my repo and I'll star yours ⭐", &[Bait]),
    ("Upvote my post on r/rust and I'll upvote yours", &[Bait]),
    (
        "Get 1000 GitHub stars for $10, real accounts, DM me",
        &[Bait],
    ),
    (
        "I help SaaS founders grow their audience to 10k followers in 30 days",
        &[Bait],
    ),
    (
        "Sir please subscribe my channel, I make Java tutorials",
        &[Bait],
    ),
    ("Nice video bro, support my channel also 🙏", &[Bait]),
    ("Thanks for the support my channel grew a lot", &[]),
    ("Follow back 100% guarantee", &[Bait]),
    ("Seguitemi su Instagram per altri tutorial", &[Bait]),
    ("Abonneer je op mijn kanaal, ik abonneer terug", &[Bait]),
    ("Kanalıma abone olun, ben de size abone olurum", &[Bait]),
    ("Zasubskrybuj mój kanał, odwdzięczę się!", &[Bait]),
    ("Follow back karo bhai, maine kar diya", &[Bait]),
    // Questions without their mark; a query's ? is none.
    ("Any ETA on the fix", &[Question]),
    ("Any ETA is fine by me, no rush.", &[]),
    ("Is anyone else seeing this on 2.3.1", &[Question]),
    ("GET /api/v1/items?page=2 returns 500 since 2.3.1", &[]),
    ("Czy wysyłacie do Polski", &[Question]),
    // At a sentence's start they ask; after a comma, "czy" is "whether",
    // "ne zaman" "whenever".
    ("Nie wiem, czy to dobry pomysł, ale spróbuję.", &[]),
    ("Czy to działa na Androidzie", &[Question]),
    ("Dzięki. Czy to działa na Androidzie", &[Question]),
    ("Ne zaman gelecek", &[Question]),
    ("Thanks to Mike, anyone else would have given up", &[]),
    // A relative clause after a comma asks nothing; a question there asks.
    ("Arrived today, which made my week", &[]),
    ("My cat ignores it, which is a win", &[]),
    ("My husband, who hates coffee, loved it", &[]),
    ("Which grind for a moka pot", &[Question]),
    ("Which is better for espresso", &[Question]),
    ("Loved it. Who roasts these", &[Question]),
    ("Hey, which grinder do you use", &[Question]),
    ("Great video, which grinder is that", &[Question]),
    ("Hi, whose idea was the new label", &[Question]),
    ("Ordered twice, which I never do", &[]),
    ("Quick q, who do I contact about a refund", &[Question]),
    ("well, which is better, light or dark", &[Question]),
    ("Shoutout to Dave, who roasts these", &[]),
    ("The owner, whom I met last year, is lovely", &[]),
    (
        "Brewed it twice, which turned out even better the second time",
        &[],
    ),
    (
        "Anyone else getting a 404 on the download link",
        &[Question],
    ),
    ("[sticker]", &[EmojiOnly]),
    ("🎉\n[GIF]", &[EmojiOnly]),
    ("[image]", &[]),
    ("[photo]", &[]),
    ("note: see above", &[]),
    ("", &[]),
    ("   ", &[]),
    // --- Spanish
    ("¿Hacen envíos a México?", &[Question]),
    ("Hacen envíos a México", &[Question]),
    ("sígueme y te sigo", &[Bait]),
    ("Sigueme y te sigo 💯", &[Bait]),
    ("Cómo se instala en Windows", &[Question]),
    ("Como te dije, funciona", &[]),
    ("¡Qué bonito!", &[]),
    ("Qué bonito", &[]),
    ("Visita mi perfil 🙌", &[Bait]),
    // --- French
    ("abonne-toi à ma chaîne 🔥", &[Bait]),
    ("Est-ce que ça marche sur Mac", &[Question]),
    ("Où est le lien", &[Question]),
    ("Ou alors on attend la suite", &[]),
    ("Super vidéo, merci !", &[]),
    ("Allez voir ma chaîne", &[Bait]),
    // --- German
    ("Wie kann man das installieren", &[Question]),
    ("Kann man das auch offline nutzen", &[Question]),
    ("Folge mir, ich folge zurück 😉", &[Bait]),
    ("Wie immer super!", &[]),
    ("Wie immer super", &[]),
    ("Tolles Video!", &[]),
    // --- Portuguese
    ("Como faço para instalar", &[Question]),
    ("Sigo de volta!", &[Bait]),
    ("Vocês enviam para Portugal", &[Question]),
    ("Como eu disse: ótimo!", &[]),
    ("Como eu faço para baixar", &[Question]),
    // --- Italian
    ("Come si installa su Linux", &[Question]),
    ("Seguimi e ricambio", &[Bait]),
    ("Bellissimo video", &[]),
    // --- Swedish
    ("Hur installerar man det", &[Question]),
    ("Följ mig så följer jag tillbaka", &[Bait]),
    ("Vad kul!", &[]),
    // --- Japanese
    ("発送はいつですか", &[Question]),
    ("相互フォローお願いします！", &[Bait]),
    ("素敵な動画でした", &[]),
    ("次の動画はいつ？", &[Question]),
    // "May I show it on my channel?" is no "watch my channel".
    ("私のチャンネルで紹介してもいいですか？", &[Question]),
    ("私のチャンネルも見てください！", &[Bait]),
    // --- Chinese
    ("这个支持中文吗", &[Question]),
    ("互粉吗", &[Bait]),
    ("互关吗", &[Bait]),
    // Words that hold a bait phrase: "relationship", "this time the key".
    ("水温和萃取时间的相互关系是什么？", &[Question]),
    ("这回关键是水温吗？", &[Question]),
    // "Follow each other", and bait beside a shielded word.
    ("相互关注", &[Bait]),
    ("大家相互关注吧！", &[Bait]),
    ("这回关注了，求回关", &[Bait]),
    ("视频很好看", &[]),
    // --- Arabic
    ("هل يوجد شحن إلى مصر؟", &[Question]),
    ("هل يوجد شحن إلى مصر", &[Question]),
    ("تابعني وأتابعك", &[Bait]),
    ("فيديو رائع", &[]),
    // --- Dutch, Italian, Spanish, German and Portuguese
    ("Volg voor volg?", &[Bait]),
    ("Volg mij, ik volg terug", &[Bait]),
    ("volg mij maar naar de winkel", &[]),
    (
        "Kijk eens op mijn profiel, daar staat mijn bestelnummer",
        &[],
    ),
    ("Dá uma olhada no meu perfil, fui cobrada duas vezes", &[]),
    ("Revisa mi perfil, no me deja iniciar sesión", &[]),
    ("Eres lo máximo ¿me sigues?", &[Bait]),
    ("te sigo ¿y tú me sigues?", &[Bait]),
    ("Quanta coisa eu preciso comprar pra começar", &[Question]),
    ("Seguiamoci a vicenda", &[Bait]),
    ("Ci seguiamo? 🌸", &[Bait]),
    ("Ci seguiamo da anni, grazie di tutto", &[]),
    ("Hola! Ya te sigo, ¿me sigues?", &[Bait]),
    ("Síganme los buenos 😂 qué pan tan rico", &[]),
    ("Wie jedes Jahr der beste Stollen in Dresden", &[]),
    ("Quanto carinho nessa embalagem", &[]),
    ("Avete ragione, la nuova miscela è fantastica", &[]),
    // --- Korean
    ("맞팔해요", &[Bait]),
    ("배송은 언제 되나요", &[Question]),
    // --- Reciprocity asked in everyday words, and what only looks like it
    ("follow for a follow", &[Bait]),
    ("Sub 2 sub?", &[Bait]),
    ("wanna be mutuals?", &[Bait]),
    ("like for likes ❤️", &[Bait]),
    ("let's follow each other", &[Bait]),
    ("Sub me and I'll sub you", &[Bait]),
    ("F-4-F anyone", &[Bait]),
    ("follow x follow", &[Bait]),
    ("folgt mir bitte", &[Bait]),
    ("Folgt mir auf Instagram", &[Bait]),
    ("Sígueme en Instagram", &[Bait]),
    ("Me segue?", &[Bait]),
    ("seguimi, ricambio sempre", &[Bait]),
    ("フォローお願いします", &[Bait]),
    ("相互お願いします", &[Bait]),
    // A coffee subscription ordered; looking out for each other; a refund
    // through the shop's app.
    ("커피 구독 부탁드려요, 매달 2봉지로요", &[]),
    ("我们一直相互关心，谢谢你们的咖啡", &[]),
    (
        "Got my money back within a day, contact them through the app if you have the same issue",
        &[],
    ),
    // --- Questions asked without a mark, and statements that open like one
    ("Any update on my order", &[Question]),
    ("Any update about my refund", &[Question]),
    ("Any news about the restock", &[Question]),
    ("Where to park near the shop", &[Question]),
    ("O que é isso", &[Question]),
    ("Where to buy in London", &[Question]),
    ("any updates are posted on our blog, I read them", &[]),
    ("where to begin, this is amazing", &[]),
    ("o que vocês fizeram é incrível", &[]),
    ("Why thank you so much", &[]),
    ("When's the next drop", &[Question]),
    ("Wondering when the Kenya is back", &[Question]),
    ("O que vocês recomendam para moka", &[Question]),
    ("Where to begin, this channel is great! sub4sub", &[Bait]),
    ("Onde eu compro em Porto", &[Question]),
    ("Who would have thought decaf could taste this good.", &[]),
    ("What you did with the Kenya is magic", &[]),
    ("How you roast this so evenly is beyond me.", &[]),
    ("Which reminds me, loved the playlist today", &[]),
    ("Why, thank you! Best beans ever", &[]),
    ("Who cares about the price, it is worth it", &[]),
    ("Wann immer ich in Berlin bin, komme ich vorbei", &[]),
    ("Où que j'aille, je prends votre café", &[]),
];

#[test]
fn flag_table() {
    let lex = &AnalysisConfig::builtin().lexicon;
    let mut failures = Vec::new();
    for (body, want) in FLAGS {
        let got = classify(body, lex);
        let flags: Vec<Flag> = got.iter().map(|(f, _)| *f).collect();
        if std::env::var_os("SHOW_CASES").is_some() {
            eprintln!("{body:<45} {got:?}");
        }
        if flags != *want || got.iter().any(|(_, r)| r.is_empty()) {
            failures.push(format!("{body:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn table_is_big_enough() {
    assert!(VERDICTS.len() + FLAGS.len() >= 80);
}

#[test]
fn flag_reasons_name_what_matched() {
    let lex = &AnalysisConfig::builtin().lexicon;
    let reason = |body: &str, flag: Flag| {
        classify(body, lex)
            .into_iter()
            .find(|(f, _)| *f == flag)
            .map(|(_, r)| r)
            .unwrap_or_default()
    };
    assert_eq!(reason("F4F!!", Bait), "says “f4f”");
    assert_eq!(
        reason("Follow-for-follow 🙏", Bait),
        "says “follow for follow”"
    );
    assert_eq!(
        reason("Sígueme y te sigo", Bait),
        "says “sígueme y te sigo”"
    );
    assert_eq!(
        reason("pls check out my channel", Bait),
        "says “check out my channel”"
    );
    assert_eq!(reason("¿Hacen envíos?", Question), "question mark ¿");
    assert_eq!(
        reason("Do you ship to Canada", Question),
        "opens with “do you”"
    );
    assert_eq!(
        reason("Est-ce que ça marche", Question),
        "opens with “est-ce que”"
    );
    assert_eq!(reason("発送はいつですか", Question), "ends with “ですか”");
    assert_eq!(reason("@bob @carol", MentionOnly), "only @bob, @carol");
    assert_eq!(
        reason("https://a.example https://b.example", LinkOnly),
        "only links"
    );
}

/// Text mixing the scripts, punctuation, emoji and handle shapes the
/// classifiers care about.
fn texty() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("@".to_owned()),
            Just("＠".to_owned()),
            Just("u/".to_owned()),
            Just("https://".to_owned()),
            Just("{name}".to_owned()),
            Just("\u{E000}".to_owned()),
            Just("\u{FE0F}".to_owned()),
            Just("\u{301}".to_owned()),
            Just(" ".to_owned()),
            Just("joe".to_owned()),
            Just("Joe".to_owned()),
            Just("f4f".to_owned()),
            "[a-zA-Zéü0-9 .,!?¿@_/:-]{1,6}",
            "[🔥👏🏽❤️🙏]{1,3}",
            "[クーポン日付田中ですか吗맞팔]{1,4}",
            "\\PC{1,4}",
            any::<char>().prop_map(String::from),
        ],
        0..16,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn classifiers_never_panic(
        body in texty(),
        parent in texty(),
        handle in texty(),
        name in proptest::option::of(texty()),
        platform in prop_oneof![Just("mastodon".to_owned()), Just("github".to_owned()), texty()],
        recipients in 0usize..6,
    ) {
        let cfg = AnalysisConfig::builtin();
        let _ = classify(&body, &cfg.lexicon);
        let _ = copypasta_key(&body);
        let _ = canned_key(&body, &handle, name.as_deref());
        let j = judge(
            &ReplyInput {
                reply_body: &body,
                platform: &platform,
                addressee_handle: &handle,
                addressee_name: name.as_deref(),
                parent_body: Some(&parent),
                same_text_recipients: recipients,
                written_here: false,
            },
            cfg,
        );
        prop_assert!(!j.reasons.is_empty());
    }

    #[test]
    fn arbitrary_strings_never_panic(body in any::<String>(), handle in any::<String>(), name in any::<String>()) {
        let cfg = AnalysisConfig::builtin();
        let _ = classify(&body, &cfg.lexicon);
        let _ = canned_key(&body, &handle, Some(&name));
        let _ = judge(
            &ReplyInput {
                reply_body: &body,
                platform: "youtube",
                addressee_handle: &handle,
                addressee_name: Some(&name),
                parent_body: Some(&name),
                same_text_recipients: 1,
                written_here: false,
            },
            cfg,
        );
    }

    #[test]
    fn canned_key_is_stable(body in texty(), handle in texty(), name in proptest::option::of(texty())) {
        let k = canned_key(&body, &handle, name.as_deref());
        // A key is its own key, and holds only words, single spaces and the placeholder.
        prop_assert_eq!(&canned_key(&k, &handle, name.as_deref()), &k);
        prop_assert_eq!(k.trim(), k.as_str());
        prop_assert!(!k.contains("  "));
        prop_assert!(k.replace(NAME_PLACEHOLDER, "").chars().all(|c| c == ' ' || scan_word(c)));
        // Punctuation and emoji around the text do not change it (but
        // before a `>` that starts a line, they make a quote a text).
        let quotes = body.lines().any(|l| l.trim_start().starts_with('>'));
        let noisy = format!("¡¡ {body} !! 🙏");
        prop_assert!(quotes || canned_key(&noisy, &handle, name.as_deref()) == k);
    }

    #[test]
    fn score_never_panics_and_low_value_sinks(
        bits in any::<u16>(),
        vip in any::<bool>(),
        loyal in any::<bool>(),
        left in any::<bool>(),
        items in any::<u32>(),
        age in any::<i64>(),
        target in any::<i64>(),
        wq in any::<u32>(), wv in any::<u32>(), wd in any::<u32>(), cap in any::<u32>(), pen in any::<u32>(),
    ) {
        let w = Weights { question: wq, vip: wv, per_day_past_target: wd, age_cap_days: cap, low_value_penalty: pen, ..Weights::default() };
        let input = PriorityInput { flags: Flags::from_bits(bits), vip, loyal, left_waiting: left, person_items: items, age_secs: age, target_secs: target };
        let (s, reasons) = score(&input, &w);
        prop_assert_eq!(s < 0, input.flags.is_low_value());
        prop_assert_eq!(score(&input, &w), (s, reasons));
    }
}

fn scan_word(c: char) -> bool {
    super::scan::is_word_char(c)
}
