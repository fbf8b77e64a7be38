//! Draws egui's output into an image on the CPU: the map picture is made
//! this way at any size (2 000 px wide and more), independent of the
//! window, the screen and the GPU, and the same in `cargo test`.
//!
//! No maintained software renderer supports egui 0.37 (checked:
//! `egui_software_backend` 0.0.3 and `dream-soft-render` 1.0 are built on
//! egui 0.34), so this is the small part that is needed: textured,
//! vertex-coloured triangles with premultiplied alpha, blended in gamma
//! space as egui's own GPU painters blend, clipped to each primitive's
//! rectangle.

use egui::epaint::{ClippedPrimitive, Primitive, Vertex};
use egui::{Color32, ColorImage, TextureId, TexturesDelta};
use std::collections::HashMap;

/// A canvas of `size` pixels that egui frames are drawn into.
pub struct Canvas {
    pub image: ColorImage,
    textures: HashMap<TextureId, ColorImage>,
}

impl Canvas {
    /// A canvas of `size` pixels filled with `background`.
    pub fn new(size: [usize; 2], background: Color32) -> Canvas {
        Canvas {
            image: ColorImage::filled(size, background),
            textures: HashMap::new(),
        }
    }

    /// Applies a frame's texture changes (the font atlas, mostly); the
    /// caller then clears the delta, as egui asks of every painter.
    pub fn update_textures(&mut self, delta: &TexturesDelta) {
        for (id, patches) in &delta.set {
            for patch in patches {
                let egui::ImageData::Color(image) = &patch.image;
                match patch.pos {
                    None => {
                        self.textures.insert(*id, (**image).clone());
                    }
                    Some([x0, y0]) => {
                        let Some(texture) = self.textures.get_mut(id) else {
                            continue;
                        };
                        let [width, height] = texture.size;
                        for y in 0..image.size[1] {
                            for x in 0..image.size[0] {
                                if x0 + x < width && y0 + y < height {
                                    texture.pixels[(y0 + y) * width + x0 + x] =
                                        image.pixels[y * image.size[0] + x];
                                }
                            }
                        }
                    }
                }
            }
        }
        for id in &delta.free {
            self.textures.remove(id);
        }
    }

    /// Draws tessellated primitives; positions are in points, scaled by
    /// `pixels_per_point`. Paint callbacks (none in panj) are skipped.
    pub fn paint(&mut self, primitives: &[ClippedPrimitive], pixels_per_point: f32) {
        for primitive in primitives {
            let Primitive::Mesh(mesh) = &primitive.primitive else {
                continue;
            };
            let clip = primitive.clip_rect * pixels_per_point;
            let [width, height] = self.image.size;
            let clip = PixelRect {
                x0: clip.min.x.max(0.0).floor() as usize,
                y0: clip.min.y.max(0.0).floor() as usize,
                x1: (clip.max.x.ceil().max(0.0) as usize).min(width),
                y1: (clip.max.y.ceil().max(0.0) as usize).min(height),
            };
            if clip.x0 >= clip.x1 || clip.y0 >= clip.y1 {
                continue;
            }
            let texture = self.textures.get(&mesh.texture_id);
            for triangle in mesh.indices.chunks_exact(3) {
                let corner = |n: usize| {
                    mesh.vertices
                        .get(triangle[n] as usize)
                        .map(|v| scaled(v, pixels_per_point))
                };
                if let (Some(a), Some(b), Some(c)) = (corner(0), corner(1), corner(2)) {
                    fill_triangle(&mut self.image, &clip, texture, [a, b, c]);
                }
            }
        }
    }
}

struct PixelRect {
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
}

fn scaled(v: &Vertex, pixels_per_point: f32) -> Vertex {
    Vertex {
        pos: egui::pos2(v.pos.x * pixels_per_point, v.pos.y * pixels_per_point),
        ..*v
    }
}

/// Fills the pixels whose centres lie in the triangle (shared edges drawn
/// once: the top-left rule), colour and texture coordinates interpolated.
fn fill_triangle(
    image: &mut ColorImage,
    clip: &PixelRect,
    texture: Option<&ColorImage>,
    [a, b, mut c]: [Vertex; 3],
) {
    let mut b = b;
    let mut area = edge(a.pos, b.pos, c.pos);
    if area.abs() < 1e-6 {
        return;
    }
    if area < 0.0 {
        std::mem::swap(&mut b, &mut c);
        area = -area;
    }
    let min_x = a
        .pos
        .x
        .min(b.pos.x)
        .min(c.pos.x)
        .floor()
        .max(clip.x0 as f32) as usize;
    let max_x = (a.pos.x.max(b.pos.x).max(c.pos.x).ceil() as usize).min(clip.x1);
    let min_y = a
        .pos
        .y
        .min(b.pos.y)
        .min(c.pos.y)
        .floor()
        .max(clip.y0 as f32) as usize;
    let max_y = (a.pos.y.max(b.pos.y).max(c.pos.y).ceil() as usize).min(clip.y1);
    // Edges opposite a, b, c; the top-left rule decides pixels exactly on one.
    let owns = |from: egui::Pos2, to: egui::Pos2| {
        let d = to - from;
        (d.y == 0.0 && d.x > 0.0) || d.y < 0.0
    };
    let (own_a, own_b, own_c) = (owns(b.pos, c.pos), owns(c.pos, a.pos), owns(a.pos, b.pos));
    let width = image.size[0];
    let colours = [a.color, b.color, c.color].map(|c| c.to_array().map(f32::from));
    for y in min_y..max_y {
        let py = y as f32 + 0.5;
        for x in min_x..max_x {
            let p = egui::pos2(x as f32 + 0.5, py);
            let wa = edge(b.pos, c.pos, p);
            let wb = edge(c.pos, a.pos, p);
            let wc = edge(a.pos, b.pos, p);
            let inside = |w: f32, own: bool| w > 0.0 || (w == 0.0 && own);
            if !(inside(wa, own_a) && inside(wb, own_b) && inside(wc, own_c)) {
                continue;
            }
            let (wa, wb, wc) = (wa / area, wb / area, wc / area);
            let mut colour = [0.0f32; 4];
            for (k, channel) in colour.iter_mut().enumerate() {
                *channel = colours[0][k] * wa + colours[1][k] * wb + colours[2][k] * wc;
            }
            if let Some(texture) = texture {
                let u = a.uv.x * wa + b.uv.x * wb + c.uv.x * wc;
                let v = a.uv.y * wa + b.uv.y * wb + c.uv.y * wc;
                let texel = sample(texture, u, v);
                for k in 0..4 {
                    colour[k] = colour[k] * texel[k] / 255.0;
                }
            }
            let pixel = &mut image.pixels[y * width + x];
            *pixel = blend(*pixel, colour);
        }
    }
}

/// Twice the signed area of (from, to, p): positive when p is left of the
/// edge in screen coordinates (y down).
fn edge(from: egui::Pos2, to: egui::Pos2, p: egui::Pos2) -> f32 {
    (to.x - from.x) * (p.y - from.y) - (to.y - from.y) * (p.x - from.x)
}

/// The texture at (u, v) in 0..1, bilinear, edges clamped.
fn sample(texture: &ColorImage, u: f32, v: f32) -> [f32; 4] {
    let [width, height] = texture.size;
    if width == 0 || height == 0 {
        return [255.0; 4];
    }
    let x = (u * width as f32 - 0.5).clamp(0.0, (width - 1) as f32);
    let y = (v * height as f32 - 0.5).clamp(0.0, (height - 1) as f32);
    let (x0, y0) = (x.floor() as usize, y.floor() as usize);
    let (x1, y1) = ((x0 + 1).min(width - 1), (y0 + 1).min(height - 1));
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let at = |x: usize, y: usize| texture.pixels[y * width + x].to_array().map(f32::from);
    let (p00, p10, p01, p11) = (at(x0, y0), at(x1, y0), at(x0, y1), at(x1, y1));
    let mut out = [0.0; 4];
    for k in 0..4 {
        let top = p00[k] + (p10[k] - p00[k]) * fx;
        let bottom = p01[k] + (p11[k] - p01[k]) * fx;
        out[k] = top + (bottom - top) * fy;
    }
    out
}

/// Premultiplied "over": the source plus what its alpha leaves of the
/// destination.
fn blend(destination: Color32, source: [f32; 4]) -> Color32 {
    let keep = 1.0 - source[3] / 255.0;
    let d = destination.to_array().map(f32::from);
    let mix = |k: usize| (source[k] + d[k] * keep).round().clamp(0.0, 255.0) as u8;
    Color32::from_rgba_premultiplied(mix(0), mix(1), mix(2), mix(3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::epaint::Mesh;
    use egui::{Rect, pos2};

    fn square(rect: Rect, colour: Color32) -> ClippedPrimitive {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(rect, colour);
        ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        }
    }

    #[test]
    fn a_rectangle_covers_exactly_its_pixels_once() {
        let mut canvas = Canvas::new([10, 10], Color32::WHITE);
        // Half-transparent red: pixels covered twice along the diagonal
        // would come out darker.
        let red = Color32::from_rgba_unmultiplied(255, 0, 0, 128);
        canvas.paint(
            &[square(
                Rect::from_min_max(pos2(1.0, 1.0), pos2(3.0, 4.0)),
                red,
            )],
            2.0,
        );
        let inside: Vec<_> = (0..100)
            .filter(|n| canvas.image.pixels[*n] != Color32::WHITE)
            .collect();
        assert_eq!(inside.len(), 4 * 6, "2x3 points at 2 px a point");
        let colours: std::collections::HashSet<_> =
            inside.iter().map(|n| canvas.image.pixels[*n]).collect();
        assert_eq!(colours.len(), 1, "every covered pixel blended once");
        let [r, g, _, a] = canvas.image.pixels[2 * 10 + 2].to_array();
        assert_eq!((r, a), (255, 255));
        assert!((126..=128).contains(&g), "half white left: {g}");
    }

    #[test]
    fn the_clip_rectangle_and_the_font_texture_are_respected() {
        let ctx = egui::Context::default();
        let output = ctx.run_ui(
            egui::RawInput {
                screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), egui::vec2(80.0, 20.0))),
                ..Default::default()
            },
            |ui| {
                ui.painter().text(
                    pos2(2.0, 2.0),
                    egui::Align2::LEFT_TOP,
                    "MMMM",
                    egui::FontId::proportional(14.0),
                    Color32::BLACK,
                );
            },
        );
        let mut output = output;
        let mut canvas = Canvas::new([80, 20], Color32::WHITE);
        canvas.update_textures(&output.textures_delta);
        output.textures_delta.clear();
        let mut primitives = ctx.tessellate(output.shapes, 1.0);
        primitives.push(ClippedPrimitive {
            clip_rect: Rect::from_min_max(pos2(70.0, 0.0), pos2(80.0, 20.0)),
            primitive: square(
                Rect::from_min_max(pos2(0.0, 0.0), pos2(80.0, 20.0)),
                Color32::BLUE,
            )
            .primitive,
        });
        canvas.paint(&primitives, 1.0);
        let dark = canvas.image.pixels[..]
            .iter()
            .enumerate()
            .filter(|(n, p)| n % 80 < 70 && p.r() < 100 && p.b() < 100)
            .count();
        assert!(dark > 30, "the letters are drawn: {dark} dark pixels");
        assert_eq!(canvas.image.pixels[5 * 80 + 75], Color32::BLUE);
        assert_eq!(
            canvas.image.pixels[19 * 80 + 69].b(),
            255,
            "blue stays clipped"
        );
    }
}
