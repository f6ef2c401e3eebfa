/*
 * 3x3 stride-1 convolution by Winograd's minimal filtering F(2x2, 3x3)
 * (A. Lavin, S. Gray, "Fast algorithms for convolutional neural networks",
 * CVPR 2016): each 2x2 output tile is A^T [(G w G^T) . (B^T d B)] A from a
 * 4x4 input tile d, so the 36 multiplies of a tile become 16, done as 16
 * GEMMs (one per tile position xi) over channels:
 *
 *   forward   M_xi[F][T] = U_xi[F][C] V_xi[C][T]        U = G w G^T, V = B^T d B
 *             y = A^T M A + b
 *   dx        the same with dy as the input (padding 2 - pad) and the filters
 *             flipped and transposed: U'_xi[C][F] from w[f][c][2-ky][2-kx]
 *   dW        dW = G^T [sum over tiles (A g A^T) . (B^T d B)] G, g a 2x2 tile of
 *             dy: the transpose of the forward's bilinear form in w (so V is
 *             the forward's own), 16 GEMMs Z_xi[F][T] V_xi[C][T]^T summed
 *             over the batch, then G^T . G once per step
 *
 * with T the tiles of a chunk of images.  The matrices are Lavin's:
 *   B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]
 *   G   = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]
 *   A^T = [1 1 1 0; 0 1 -1 -1]
 * Every entry is 0, +-1 or +-1/2, so the transforms round no worse than a
 * few additions: against the im2col path the outputs differ by a few ULP of
 * the sums' magnitudes (net.forward checks 1e-5 against direct loops).  The
 * GEMMs do 2.25x fewer multiplies than im2col's for the same output.
 *
 * Tiles are vectorised along x: columns of the zero-padded input are split
 * into even and odd ones, so a row of tiles reads contiguous arrays.
 */
#include <cblas.h>
#include <stdlib.h>
#include <string.h>

#include "net/conv_winograd.h"
#include "net/simd.h"

enum { XI = 16 };

/* the tile grid over an Ho x Wo output */
static void tiles_of(int Ho, int Wo, int *th, int *tw)
{
    *th = (Ho + 1) / 2, *tw = (Wo + 1) / 2;
}

size_t wino_tiles(int Ho, int Wo)
{
    int th, tw;
    tiles_of(Ho, Wo, &th, &tw);
    return (size_t)th * tw;
}

/* u[xi * stride] = (G w G^T)_xi for a 3x3 filter w */
static void filter_tile(const float *w, float *u, size_t stride)
{
    float t[4][3]; /* G w */
    for (int k = 0; k < 3; k++) {
        const float w0 = w[k], w1 = w[3 + k], w2 = w[6 + k];
        t[0][k] = w0, t[1][k] = 0.5f * (w0 + w1 + w2), t[2][k] = 0.5f * (w0 - w1 + w2), t[3][k] = w2;
    }
    for (int i = 0; i < 4; i++) {
        const float a = t[i][0], b = t[i][1], c = t[i][2];
        u[(4 * i + 0) * stride] = a;
        u[(4 * i + 1) * stride] = 0.5f * (a + b + c);
        u[(4 * i + 2) * stride] = 0.5f * (a - b + c);
        u[(4 * i + 3) * stride] = c;
    }
}

void wino_filters(const float *w, int F, int C, int flip, float *U)
{
    const size_t plane = (size_t)F * C;
    for (int f = 0; f < F; f++)
        for (int c = 0; c < C; c++) {
            const float *src = w + ((size_t)f * C + c) * 9;
            if (!flip) {
                filter_tile(src, U + (size_t)f * C + c, plane);
                continue;
            }
            float r[9]; /* rotated by 180 degrees: the filter of the transposed convolution */
            for (int k = 0; k < 9; k++) r[k] = src[8 - k];
            filter_tile(r, U + (size_t)c * F + f, plane);
        }
}

void wino_filter_grads(const float *D, int F, int C, float *dw)
{
    const size_t plane = (size_t)F * C;
    for (size_t fc = 0; fc < plane; fc++) {
        float d[4][4], t[3][4]; /* G^T D */
        for (int xi = 0; xi < XI; xi++) d[xi / 4][xi % 4] = D[xi * plane + fc];
        for (int j = 0; j < 4; j++) {
            t[0][j] = d[0][j] + 0.5f * (d[1][j] + d[2][j]);
            t[1][j] = 0.5f * (d[1][j] - d[2][j]);
            t[2][j] = 0.5f * (d[1][j] + d[2][j]) + d[3][j];
        }
        float *o = dw + fc * 9;
        for (int i = 0; i < 3; i++) {
            o[3 * i + 0] = t[i][0] + 0.5f * (t[i][1] + t[i][2]);
            o[3 * i + 1] = 0.5f * (t[i][1] - t[i][2]);
            o[3 * i + 2] = 0.5f * (t[i][1] + t[i][2]) + t[i][3];
        }
    }
}

/*
 * The transforms work on blocks of TB = 8 tiles of a tile row, as vectors
 * (src/net/simd.h: one AVX register, or two SSE ones in the portable
 * build).  A row of tw tiles takes whole blocks: the last block's extra
 * lanes compute junk from zero padding (or the next row's tiles) and are
 * stored past the row's end, where the next row's store or the ld slack
 * (WINO_SLACK) takes them, so tile rows must be stored in increasing order.
 */
enum { TB = 8, ROW = WINO_MAX_TW + 2 * TB };

/*
 * Plane x (H x W), zero-padded by pad, split into its even and odd columns:
 * ev[r][j] = padded[r][2j], od[r][j] = padded[r][2j + 1], for rows r < rows
 * and j up to the last block's end plus one (zero past the plane).
 */
/* row[s..s+8) with zeros outside [0, W), for W >= TB: one load inside the row, its lanes moved into
   place (a copy through a padded buffer instead stalls on store forwarding) */
NET_INLINE v8 ld8_padded(const float *row, int W, int s)
{
    const v8i lane = {0, 1, 2, 3, 4, 5, 6, 7};
    const int base = s < 0 ? 0 : s > W - TB ? W - TB : s;
    v8 v = ld8(row + base);
    if (base == s) return v;
    const v8i at = lane + (s - base), inside = (at >= 0) & (at < TB) & (lane + s < W);
#if defined(__clang__)
    v8 moved;
    for (int i = 0; i < TB; i++) moved[i] = v[at[i] & (TB - 1)];
#else
    const v8 moved = __builtin_shuffle(v, at & (TB - 1));
#endif
    return (v8)((v8i)moved & inside);
}

NET_INLINE void split_plane(const float *x, int H, int W, int pad, int rows, int tw, float *ev, float *od)
{
    const int len = (tw + TB - 1) / TB * TB + 1;
    for (int r = 0; r < rows; r++, ev += ROW, od += ROW) {
        const int iy = r - pad;
        if (iy < 0 || iy >= H) {
            memset(ev, 0, (size_t)len * sizeof(float));
            memset(od, 0, (size_t)len * sizeof(float));
            continue;
        }
        const float *row = x + (size_t)iy * W;
        if (W < TB) {
            for (int j = 0; j < len; j++) {
                const int ie = 2 * j - pad, io = ie + 1;
                ev[j] = ie >= 0 && ie < W ? row[ie] : 0.0f;
                od[j] = io >= 0 && io < W ? row[io] : 0.0f;
            }
            continue;
        }
        for (int j = 0; j < len; j += TB) {
            const v8 lo = ld8_padded(row, W, 2 * j - pad), hi = ld8_padded(row, W, 2 * j - pad + TB);
            st8(ev + j, SHUFFLE8(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14));
            st8(od + j, SHUFFLE8(lo, hi, 1, 3, 5, 7, 9, 11, 13, 15));
        }
    }
}

NET_CLONES void wino_inputs(const float *x, int C, int H, int W, int pad, int Ho, int Wo, float *V, size_t ld,
                             size_t t0)
{
    int th, tw;
    tiles_of(Ho, Wo, &th, &tw);
    static _Thread_local float ev[(2 * WINO_MAX_TW + 2) * ROW], od[(2 * WINO_MAX_TW + 2) * ROW];
    const size_t step = (size_t)C * ld;
    for (int c = 0; c < C; c++) {
        split_plane(x + (size_t)c * H * W, H, W, pad, 2 * th + 2, tw, ev, od);
        for (int ty = 0; ty < th; ty++) {
            const float *E = ev + 2 * ty * ROW, *O = od + 2 * ty * ROW;
            float *v = V + (size_t)c * ld + t0 + (size_t)ty * tw;
            for (int tx = 0; tx < tw; tx += TB) {
                /* B^T down the columns: rows p0 - p2, p1 + p2, p2 - p1, p1 - p3, for even and odd columns
                   at tx and tx + 1 (tile tx reads columns 2tx..2tx+3 = even tx, odd tx, even tx+1, odd tx+1) */
                v8 e[4], o[4], e1[4], o1[4];
                for (int r = 0; r < 4; r++) {
                    e[r] = ld8(E + r * ROW + tx), e1[r] = ld8(E + r * ROW + tx + 1);
                    o[r] = ld8(O + r * ROW + tx), o1[r] = ld8(O + r * ROW + tx + 1);
                }
                const v8 re[4] = {e[0] - e[2], e[1] + e[2], e[2] - e[1], e[1] - e[3]};
                const v8 ro[4] = {o[0] - o[2], o[1] + o[2], o[2] - o[1], o[1] - o[3]};
                const v8 re1[4] = {e1[0] - e1[2], e1[1] + e1[2], e1[2] - e1[1], e1[1] - e1[3]};
                const v8 ro1[4] = {o1[0] - o1[2], o1[1] + o1[2], o1[2] - o1[1], o1[1] - o1[3]};
                /* and along the rows */
                for (int i = 0; i < 4; i++) {
                    float *vi = v + tx + (size_t)(4 * i) * step;
                    st8(vi, re[i] - re1[i]);
                    st8(vi + step, ro[i] + re1[i]);
                    st8(vi + 2 * step, re1[i] - ro[i]);
                    st8(vi + 3 * step, ro[i] - ro1[i]);
                }
            }
        }
    }
}

/* dst[0..n) = src[0..n) in vectors, the last one overlapping (a call to memcpy costs more for rows this short) */
NET_INLINE void copy_row(float *dst, const float *src, int n)
{
    if (n < TB) {
        for (int i = 0; i < n; i++) dst[i] = src[i];
        return;
    }
    for (int i = 0; i < n; i += TB) {
        const int at = i + TB <= n ? i : n - TB;
        st8(dst + at, ld8(src + at));
    }
}

NET_CLONES void wino_outputs(const float *M, int F, size_t ld, size_t t0, const float *bias, float *y, int Ho,
                              int Wo)
{
    int th, tw;
    tiles_of(Ho, Wo, &th, &tw);
    const size_t step = (size_t)F * ld;
    for (int f = 0; f < F; f++) {
        const float b = bias ? bias[f] : 0.0f;
        float *plane = y + (size_t)f * Ho * Wo;
        for (int ty = 0; ty < th; ty++) {
            const float *m = M + (size_t)f * ld + t0 + (size_t)ty * tw;
            float row[2][2 * (WINO_MAX_TW + TB)];
            for (int tx = 0; tx < tw; tx += TB) {
                /* A^T down the columns: rows m0 + m1 + m2 and m1 - m2 - m3, for each column j */
                v8 s0[4], s1[4];
                for (int j = 0; j < 4; j++) {
                    const v8 m0 = ld8(m + j * step + tx), m1 = ld8(m + (4 + j) * step + tx);
                    const v8 m2 = ld8(m + (8 + j) * step + tx), m3 = ld8(m + (12 + j) * step + tx);
                    s0[j] = m0 + m1 + m2, s1[j] = m1 - m2 - m3;
                }
                /* and along the rows: each tile's two columns, interleaved */
                const v8 y00 = s0[0] + s0[1] + s0[2] + b, y01 = s0[1] - s0[2] - s0[3] + b;
                const v8 y10 = s1[0] + s1[1] + s1[2] + b, y11 = s1[1] - s1[2] - s1[3] + b;
                st8(row[0] + 2 * tx, SHUFFLE8(y00, y01, 0, 8, 1, 9, 2, 10, 3, 11));
                st8(row[0] + 2 * tx + TB, SHUFFLE8(y00, y01, 4, 12, 5, 13, 6, 14, 7, 15));
                st8(row[1] + 2 * tx, SHUFFLE8(y10, y11, 0, 8, 1, 9, 2, 10, 3, 11));
                st8(row[1] + 2 * tx + TB, SHUFFLE8(y10, y11, 4, 12, 5, 13, 6, 14, 7, 15));
            }
            for (int a = 0; a < 2 && 2 * ty + a < Ho; a++) copy_row(plane + (size_t)(2 * ty + a) * Wo, row[a], Wo);
        }
    }
}

NET_CLONES void wino_output_grads(const float *dy, int F, int Ho, int Wo, float *Z, size_t ld, size_t t0)
{
    int th, tw;
    tiles_of(Ho, Wo, &th, &tw);
    const size_t step = (size_t)F * ld;
    const int len = (tw + TB - 1) / TB * TB;
    for (int f = 0; f < F; f++) {
        const float *plane = dy + (size_t)f * Ho * Wo;
        for (int ty = 0; ty < th; ty++) {
            /* the tile's two rows, even and odd columns, zero past the edges */
            float e[2][WINO_MAX_TW + TB], o[2][WINO_MAX_TW + TB];
            for (int a = 0; a < 2; a++) {
                const int oy = 2 * ty + a;
                if (oy >= Ho) {
                    memset(e[a], 0, (size_t)len * sizeof(float));
                    memset(o[a], 0, (size_t)len * sizeof(float));
                    continue;
                }
                const float *row = plane + (size_t)oy * Wo;
                int tx = 0;
                for (; 2 * tx + 2 * TB <= Wo; tx += TB) {
                    const v8 lo = ld8(row + 2 * tx), hi = ld8(row + 2 * tx + TB);
                    st8(e[a] + tx, SHUFFLE8(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14));
                    st8(o[a] + tx, SHUFFLE8(lo, hi, 1, 3, 5, 7, 9, 11, 13, 15));
                }
                for (; tx < len; tx++) {
                    e[a][tx] = 2 * tx < Wo ? row[2 * tx] : 0.0f;
                    o[a][tx] = 2 * tx + 1 < Wo ? row[2 * tx + 1] : 0.0f;
                }
            }
            float *z = Z + (size_t)f * ld + t0 + (size_t)ty * tw;
            for (int tx = 0; tx < tw; tx += TB) {
                /* A g A^T, A = [1 0; 1 1; 1 -1; 0 -1]: along the rows (h), then down the columns */
                v8 h[2][4];
                for (int a = 0; a < 2; a++) {
                    const v8 ev = ld8(e[a] + tx), od = ld8(o[a] + tx);
                    h[a][0] = ev, h[a][1] = ev + od, h[a][2] = ev - od, h[a][3] = -od;
                }
                for (int j = 0; j < 4; j++) {
                    st8(z + j * step + tx, h[0][j]);
                    st8(z + (4 + j) * step + tx, h[0][j] + h[1][j]);
                    st8(z + (8 + j) * step + tx, h[0][j] - h[1][j]);
                    st8(z + (12 + j) * step + tx, -h[1][j]);
                }
            }
        }
    }
}

void wino_multiply(const float *U, int rows, int inner, const float *V, float *M, size_t T, size_t ld)
{
    const size_t usz = (size_t)rows * inner;
    for (int xi = 0; xi < XI; xi++)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, (int)T, inner, 1.0f, U + xi * usz, inner,
                    V + (size_t)xi * inner * ld, (int)ld, 0.0f, M + (size_t)xi * rows * ld, (int)ld);
}

void wino_accumulate(const float *Z, int F, const float *V, int C, size_t T, size_t ld, float *D)
{
    const size_t dsz = (size_t)F * C;
    for (int xi = 0; xi < XI; xi++)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, F, C, (int)T, 1.0f, Z + (size_t)xi * F * ld, (int)ld,
                    V + (size_t)xi * C * ld, (int)ld, 1.0f, D + xi * dsz, C);
}
