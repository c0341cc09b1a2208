//! What the page draws on the photo to show *why*: each mark belongs to one check and takes the
//! colour of that check's status. Coordinates are in the analysed picture's pixels; the page
//! scales them with the picture (an SVG with the picture's viewBox).

use crate::face::{BoxF, Point};
use crate::report::{CheckId, Status};

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// An outlined box (face box, background sample region, clothing region).
    Rect { rect: BoxF },
    /// A straight line (head-top line, chin line, centre line, eye line).
    Line { from: Point, to: Point },
    /// A horizontal target band from `y0` to `y1` across the picture, drawn translucent
    /// (where the head top or chin should land).
    Band { y0: f32, y1: f32 },
    /// A vertical target band from `x0` to `x1` (where the face centre should land).
    VBand { x0: f32, x1: f32 },
    /// Small dots (eyes, ears, eyebrow points).
    Dots { points: Vec<Point> },
    /// A closed outline through the points (the card's edges, a text area seen in perspective).
    Outline { points: Vec<Point> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The check this mark explains.
    pub check: CheckId,
    /// Colour comes from this (the check's status).
    pub status: Status,
    /// Short Chinese caption drawn beside the shape, e.g. "头顶".
    pub label: String,
    pub shape: Shape,
}

impl Mark {
    pub fn new(check: CheckId, status: Status, label: impl Into<String>, shape: Shape) -> Self {
        Mark { check, status, label: label.into(), shape }
    }
}
