/*
 * PTELU: x for x > 0; alpha tanh(beta x) otherwise.  f' = 1 for x > 0,
 * alpha beta sech^2(beta x) otherwise (f'(0) = alpha beta, the left piece,
 * as the scalar code); d/dalpha = tanh(beta x), d/dbeta = alpha x
 * sech^2(beta x) for x <= 0.  From the output: sech^2 = 1 - (y/alpha)^2, so
 * f' = beta (alpha - y)(alpha + y)/alpha (0 when alpha = 0).
 * In float, t = beta min(x, 0) (x clamped to -FLT_MAX, so that beta = 0
 * gives 0 also at x = -inf, the scalar's ax_mul0; its rounding is an input
 * perturbation, within f's condition), and one exp per lane,
 * h = e^(-2|t|), serving tanh t (vec.h's vtanh, whose own e^(-2|t|) is the
 * same expression, so the compiler keeps one) and sech^2 t = 4h/(1 + h)^2
 * (no cancellation, unlike 1 - tanh^2), with (1 + h)^2 carried as Q + Ql
 * and 1/Q corrected by its residual, so that only h (0.8 ULP, damped by
 * (1 - h)/(1 + h)) and 4h (1/Q) round at the result's scale; past |t| = 10,
 * sech^2 = 4 e^(-2|t|) to 2^-28 from a second exp taken only when a lane
 * needs it (vec.h's vtanh_sech2, shared with ReLTanh).  alpha beta
 * is carried as a product and its low part.  The double lane this replaces
 * was 0.5 ULP at ~2x the training time.
 * Measured (three ISAs, defaults and random alpha, beta, densities 0.25, 1,
 * 1.7, exhaustive windows included): f 2.72 ULP per unit of condition, f'
 * 2.73, f' from y 2.44 (generic; 2.56, 2.64 with FMA); bounds 15% over.
 */
#include <float.h>

#include "kernel.h"

/* t = beta min(x, 0), x clamped to -FLT_MAX so that beta = 0 gives 0 */
V_INLINE vf ptelu_t(vf x, const vf *P) { return P[1] * vmax(vmin(x, vset(0)), vset(-FLT_MAX)); }
V_INLINE vf ptelu_f(vf x, const vf *P)
{
    vf th, s2;
    vtanh_sech2(ptelu_t(x, P), &th, &s2);
    return vsel(x > 0, x, P[0] * th);
}
V_INLINE vf ptelu_df(vf x, const vf *P)
{
    vf th, s2;
    vtanh_sech2(ptelu_t(x, P), &th, &s2);
    vf ab = P[0] * P[1], abl = vprod_lo(P[0], P[1], ab);
    return vsel(x > 0, vset(1), vfma(ab, s2, abl * s2));
}
V_INLINE vf ptelu_dy(vf y, const vf *P)
{
    vf a = P[0];
    vf r = P[1] * ((a - y) * (a + y) / a); /* a + y exact where it cancels (Sterbenz) */
    return vsel(y > 0, vset(1), vsel(P[0] == 0, vset(0), r));
}
V_INLINE void ptelu_dp(vf x, const vf *P, vf *g)
{
    vf th, s2;
    vtanh_sech2(ptelu_t(x, P), &th, &s2);
    g[0] = vsel(x > 0, vset(0), th);
    g[1] = vsel(x > 0, vset(0), P[0] * vmax(x, vset(-FLT_MAX)) * s2);
}
ACTIV_KERNEL_YP(ptelu, 2, 3.2f, 3.2f, 0, NULL)
