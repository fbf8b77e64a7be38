//! Coordinates as analysts type them: decimal degrees ("37.4904",
//! "-71.5534", "37.49 N") or degrees, minutes and seconds ("37°29'25\"N",
//! "37 29 25.3 N", "71°33.2'E").

use crate::tr;

/// Which coordinate is being read: its hemisphere letters and range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    Latitude,
    Longitude,
}

impl Axis {
    fn limit(self) -> f64 {
        match self {
            Axis::Latitude => 90.0,
            Axis::Longitude => 180.0,
        }
    }

    /// The sign a hemisphere letter gives, if it belongs to this axis.
    fn hemisphere(self, letter: char) -> Option<f64> {
        match (self, letter.to_ascii_uppercase()) {
            (Axis::Latitude, 'N') | (Axis::Longitude, 'E') => Some(1.0),
            (Axis::Latitude, 'S') | (Axis::Longitude, 'W') => Some(-1.0),
            _ => None,
        }
    }
}

/// Reads one coordinate in decimal degrees or DMS; the message says what
/// is wrong in words an analyst can act on, in the interface's language.
pub fn parse_coordinate(text: &str, axis: Axis) -> Result<f64, String> {
    let latitude = axis == Axis::Latitude;
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(if latitude {
            tr!("coords-latitude-missing")
        } else {
            tr!("coords-longitude-missing")
        });
    }
    let not_a_coordinate = || {
        if latitude {
            tr!("coords-not-a-latitude", text = trimmed)
        } else {
            tr!("coords-not-a-longitude", text = trimmed)
        }
    };
    let not_a_hemisphere = |letter: char| {
        if latitude {
            tr!(
                "coords-not-a-latitude-hemisphere",
                letter = letter.to_string()
            )
        } else {
            tr!(
                "coords-not-a-longitude-hemisphere",
                letter = letter.to_string()
            )
        }
    };
    if trimmed.chars().filter(char::is_ascii_alphabetic).count() > 1 {
        return Err(not_a_coordinate());
    }
    let mut sign = 1.0;
    let mut body = trimmed.to_string();
    if let Some(last) = body.chars().last().filter(char::is_ascii_alphabetic) {
        sign = axis
            .hemisphere(last)
            .ok_or_else(|| not_a_hemisphere(last))?;
        body.pop();
    } else if let Some(first) = body.chars().next().filter(char::is_ascii_alphabetic) {
        sign = axis
            .hemisphere(first)
            .ok_or_else(|| not_a_hemisphere(first))?;
        body.remove(0);
    }
    let body = body.trim();
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    if negative && sign < 0.0 {
        return Err(tr!("coords-sign-and-letter"));
    }
    let parts: Vec<&str> = body
        .split(|c: char| c.is_whitespace() || "°º'′’\"″”:".contains(c))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || parts.len() > 3 {
        return Err(not_a_coordinate());
    }
    let mut value = 0.0;
    for (n, part) in parts.iter().enumerate() {
        let number: f64 = part
            .replace(',', ".")
            .parse()
            .map_err(|_| not_a_coordinate())?;
        if !number.is_finite() || number < 0.0 {
            return Err(tr!("coords-not-degrees", part = *part));
        }
        if n > 0 && number >= 60.0 {
            return Err(tr!("coords-below-60", part = *part));
        }
        if n + 1 < parts.len() && number.fract() != 0.0 {
            return Err(tr!("coords-last-decimals"));
        }
        value += number / 60f64.powi(n as i32);
    }
    let value = if negative { -value } else { sign * value };
    if value.abs() > axis.limit() {
        return Err(if latitude {
            tr!("coords-latitude-outside", value = value.to_string())
        } else {
            tr!("coords-longitude-outside", value = value.to_string())
        });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    #[test]
    fn decimal_and_dms_give_the_same_degrees() {
        let lat = |s| parse_coordinate(s, Axis::Latitude).unwrap();
        let lon = |s| parse_coordinate(s, Axis::Longitude).unwrap();
        assert!(close(lat("37.4904"), 37.4904));
        assert!(close(lat(" 37,4904 "), 37.4904));
        assert!(close(lat("37.5 N"), 37.5));
        assert!(close(lat("37.5S"), -37.5));
        assert!(close(lat("-37.5"), -37.5));
        assert!(close(
            lat("37°29'25\"N"),
            37.0 + 29.0 / 60.0 + 25.0 / 3600.0
        ));
        assert!(close(lat("37 29 25 N"), 37.0 + 29.0 / 60.0 + 25.0 / 3600.0));
        assert!(close(lat("N 37 30"), 37.5));
        assert!(close(lon("71°33.5′E"), 71.0 + 33.5 / 60.0));
        assert!(close(lon("71°33'30\"W"), -(71.0 + 33.5 / 60.0)));
    }

    #[test]
    fn nonsense_and_out_of_world_values_are_refused_with_reasons() {
        let err = |s, axis| parse_coordinate(s, axis).unwrap_err();
        assert!(err("", Axis::Latitude).contains("missing"));
        assert!(err("abc", Axis::Latitude).contains("not a latitude"));
        assert!(err("Khorog", Axis::Latitude).contains("'Khorog' is not a latitude"));
        assert!(err("37.5 E", Axis::Latitude).contains("hemisphere"));
        assert!(err("95", Axis::Latitude).contains("outside the world"));
        assert!(err("181", Axis::Longitude).contains("outside the world"));
        assert!(err("37 75 0", Axis::Latitude).contains("below 60"));
        assert!(err("-37 S", Axis::Latitude).contains("not both"));
        assert!(err("NaN", Axis::Latitude).contains("not"));
    }
}
