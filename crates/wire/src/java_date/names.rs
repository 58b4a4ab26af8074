//! Month and weekday names per language, as the JDK's CLDR data prints them (format context).
//! Parsing accepts every form listed here (Java's lenient text parsing accepts any style);
//! formatting uses the first, canonical forms. Languages without a table fall back to English.

use chrono::Weekday;

pub(crate) struct Names {
    pub months_full: [&'static str; 12],
    pub months_short: [&'static str; 12],
    /// Spellings clients send that CLDR does not print (older JDKs, stand-alone forms, regions).
    pub months_extra: &'static [(&'static str, u32)],
    /// Monday first.
    pub days_full: [&'static str; 7],
    pub days_short: [&'static str; 7],
    pub days_extra: &'static [(&'static str, u32)],
    pub am_pm: [&'static str; 2],
}

const EN: Names = Names {
    months_full: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    months_short: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    months_extra: &[("Sept", 9)],
    days_full: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    days_short: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    days_extra: &[("Tues", 2), ("Thur", 4), ("Thurs", 4)],
    am_pm: ["AM", "PM"],
};

const FR: Names = Names {
    months_full: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    months_short: [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ],
    months_extra: &[("fév.", 2)],
    days_full: [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ],
    days_short: ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
    days_extra: &[],
    am_pm: ["AM", "PM"],
};

const ES: Names = Names {
    months_full: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    months_short: [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
    ],
    // `sep` is what JDK 8 printed; `setiembre` is the Peruvian/Uruguayan spelling.
    months_extra: &[("sep", 9), ("setiembre", 9), ("set", 9)],
    days_full: [
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ],
    days_short: ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
    days_extra: &[],
    am_pm: ["a. m.", "p. m."],
};

const PT: Names = Names {
    months_full: [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    months_short: [
        "jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.",
        "dez.",
    ],
    months_extra: &[],
    days_full: [
        "segunda-feira",
        "terça-feira",
        "quarta-feira",
        "quinta-feira",
        "sexta-feira",
        "sábado",
        "domingo",
    ],
    days_short: ["seg.", "ter.", "qua.", "qui.", "sex.", "sáb.", "dom."],
    days_extra: &[
        ("segunda", 1),
        ("terça", 2),
        ("quarta", 3),
        ("quinta", 4),
        ("sexta", 5),
    ],
    am_pm: ["AM", "PM"],
};

const DE: Names = Names {
    months_full: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    months_short: [
        "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.",
        "Dez.",
    ],
    // Stand-alone abbreviations, and the Austrian January.
    months_extra: &[
        ("Mär", 3),
        ("Jun", 6),
        ("Jul", 7),
        ("Sep", 9),
        ("Jänner", 1),
        ("Jän.", 1),
    ],
    days_full: [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    ],
    days_short: ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
    days_extra: &[("Sonnabend", 6)],
    am_pm: ["AM", "PM"],
};

const ID: Names = Names {
    months_full: [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    months_short: [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ],
    months_extra: &[("Agt", 8)],
    days_full: [
        "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
    ],
    days_short: ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"],
    days_extra: &[],
    am_pm: ["AM", "PM"],
};

const SW: Names = Names {
    months_full: [
        "Januari", "Februari", "Machi", "Aprili", "Mei", "Juni", "Julai", "Agosti", "Septemba",
        "Oktoba", "Novemba", "Desemba",
    ],
    months_short: [
        "Jan", "Feb", "Mac", "Apr", "Mei", "Jun", "Jul", "Ago", "Sep", "Okt", "Nov", "Des",
    ],
    months_extra: &[],
    // CLDR's Swahili abbreviations are the full names.
    days_full: [
        "Jumatatu", "Jumanne", "Jumatano", "Alhamisi", "Ijumaa", "Jumamosi", "Jumapili",
    ],
    days_short: [
        "Jumatatu", "Jumanne", "Jumatano", "Alhamisi", "Ijumaa", "Jumamosi", "Jumapili",
    ],
    days_extra: &[],
    am_pm: ["AM", "PM"],
};

pub(crate) fn for_language(language: &str) -> &'static Names {
    match language {
        "fr" => &FR,
        "es" => &ES,
        "pt" => &PT,
        "de" => &DE,
        "id" | "in" => &ID,
        "sw" => &SW,
        _ => &EN,
    }
}

impl Names {
    /// Every month spelling with its number (1-based).
    pub fn month_candidates(&self) -> impl Iterator<Item = (&'static str, u32)> + '_ {
        numbered(&self.months_full)
            .chain(numbered(&self.months_short))
            .chain(self.months_extra.iter().copied())
    }

    /// Every weekday spelling with its ISO number (Monday = 1).
    pub fn day_candidates(&self) -> impl Iterator<Item = (&'static str, u32)> + '_ {
        numbered(&self.days_full)
            .chain(numbered(&self.days_short))
            .chain(self.days_extra.iter().copied())
    }
}

fn numbered<'a>(names: &'a [&'static str]) -> impl Iterator<Item = (&'static str, u32)> + 'a {
    names.iter().copied().zip(1..)
}

pub(crate) fn weekday_from_number(n: u32) -> Option<Weekday> {
    match n {
        1 => Some(Weekday::Mon),
        2 => Some(Weekday::Tue),
        3 => Some(Weekday::Wed),
        4 => Some(Weekday::Thu),
        5 => Some(Weekday::Fri),
        6 => Some(Weekday::Sat),
        7 => Some(Weekday::Sun),
        _ => None,
    }
}
