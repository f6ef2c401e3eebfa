/*
 * Soft-root-sign, the survey benchmark code's variant:
 * x/(0.01 + x/A + e^(-x/B)), A = |alpha| + 0.01, B = |beta| + 0.01, as the
 * double code: for x < 0 scaled by E = e^(x/B),
 *   f = xE/G, G = 1 + 0.01E + xE/A;  f' = E(0.01E + 1 + x/B)/G^2, with
 *   1 + x/B = ((x + |beta|) + 0.01)/B (x + |beta| exact near the zero of
 *   the bracket at x ~ -1.0037 B);
 * for x >= 0, f' = (0.01 + e^(-x/B)(1 + x/B))/D^2.  Gradients:
 * d/dalpha = sign(alpha)(f/A)^2, d/dbeta = sign(beta) d/dB with
 * d/dB = -(x/B)^2 E/G^2 (x < 0), -(f/B)^2 e^(-x/B) (x >= 0); sign(0) = 0.
 * x is clamped to [-1e4, 1e30] (f is -0 or A there, f' 0 or 0.01 D^-2 ~ 0),
 * so +-inf give no inf*0 or inf/inf.  A and B are rounded to float (half
 * an ULP each).
 * Error (measured, three parameter sets): f 6.27 ULP per unit of condition
 * (x ~ -4.2), f' 9.9 (x ~ -7.8), left of the minimum where
 * G = 1 + 0.01E + xE/A cancels (not counted by the condition in x; f' takes
 * G^2), plus the float rounding of A and B.  G in more precision would
 * tighten it (to do).  Declared 6.5 and 10.
 */
#include "kernel.h"

#define SRSG_EPS 0.01f

V_INLINE vf srs_guarded_f(vf x, const vf *P)
{
    vf A = vabs(P[0]) + SRSG_EPS, B = vabs(P[1]) + SRSG_EPS;
    vf xc = vmax(vmin(x, vset(1e30f)), vset(-1e4f));
    vf t = xc / B, E = vexp(t);
    vf xe = xc * E;
    vf neg = xe / (1.0f + SRSG_EPS * E + xe / A);
    vf pos = xc / (SRSG_EPS + xc / A + vexp(-t));
    return vsel(xc < 0, neg, pos);
}
V_INLINE vf srs_guarded_df(vf x, const vf *P)
{
    vf A = vabs(P[0]) + SRSG_EPS, B = vabs(P[1]) + SRSG_EPS;
    vf xc = vmax(vmin(x, vset(1e30f)), vset(-1e4f));
    vf t = xc / B, E = vexp(t);
    vf g = 1.0f + SRSG_EPS * E + xc * E / A;
    vf sn = vfma(vset(SRSG_EPS), E, ((xc + vabs(P[1])) + SRSG_EPS) / B);
    vf neg = sn * E / (g * g);
    vf sp = (xc + B) / B;
    vf e = vexp(-t), d = SRSG_EPS + xc / A + e;
    vf pos = (SRSG_EPS + e * sp) / d / d;
    return vsel(xc < 0, neg, pos);
}
V_INLINE vf srsg_sgn(vf p)
{
    return vsel(p > 0, vset(1), vsel(p < 0, vset(-1), vset(0)));
}
V_INLINE void srs_guarded_dp(vf x, const vf *P, vf *g)
{
    vf A = vabs(P[0]) + SRSG_EPS, B = vabs(P[1]) + SRSG_EPS;
    vf xc = vmax(vmin(x, vset(1e30f)), vset(-1e4f));
    vf f = srs_guarded_f(xc, P), r = f / A;
    g[0] = srsg_sgn(P[0]) * (r * r);
    vf t = xc / B, E = vexp(t);
    vf G = 1.0f + SRSG_EPS * E + xc * E / A;
    vf neg = -(t * t * E) / (G * G);
    vf q = f / B, e = vexp(-t);
    vf pos = -(q * q * e);
    g[1] = srsg_sgn(P[1]) * vsel(xc < 0, neg, pos);
}
/* every float within 2^17 of the worst sampled inputs (the test's exhaustive windows, densities 0.25-1.7,
   three ISAs): worst f 6.91, f' 12.2 ULP per unit of condition; the bounds below are ~15% over */
ACTIV_KERNEL_P(srs_guarded, 2, 8, 14.1f, 0, NULL)
