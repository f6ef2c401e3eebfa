/*
 * ELiSH: x*s(x) for x >= 0, expm1(x)*s(x) for x < 0 (s the logistic
 * sigmoid, from e = e^-|x| so that nothing overflows).
 * f' = s(x)*(1 + x*s(-x)) for x >= 0.  For x < 0 the scalar factors the
 * zero of f' at x0 = ln(sqrt2 - 1) out through expm1(x - x0); here, with
 * m = expm1(x) and e = e^x, f' = e (m + 2 + sqrt2)(m + 2 - sqrt2)/(2 + m)^2
 * (the same identity, e^2 + 2e - 1 = (e + 1 + sqrt2)(e + 1 - sqrt2)), the
 * cancelling factor summed with 2 - sqrt2 split in two floats, and for
 * -0.44 < x < 0 (x <= -0.44 takes the scalar's form, where x - x0_hi is
 * exact and m + 2 - sqrt2 would cancel m's rounding up), and for
 * -1/4 < x < 0 the Horner form (1+m)(2 + 4m + m^2)/(2+m)^2, in which the
 * roundings of m are relative to m.  Constants: mpmath values rounded to
 * float.  x is clamped to [-104, 100] where the clamp does not change the
 * float result, so that +-inf gives no inf*0.
 * Error: SLEEF expf/expm1f u10, a divide, products.  Measured (all three
 * ISAs): f 2.85 ULP (near x = -0.33, expm1 times e/(1+e)); f' 3.27 near
 * x = -0.31 (the m-product form; the scalar's form measured 4.1 there and
 * a plain e-based form 5.9 near 0), 2.5 on x > 0 (generic).
 */
/* Since vec.h's vexpm1 replaced SLEEF's expm1f (faster; up to ~2 ULP against 1),
   the bounds in the ACTIV_KERNEL line supersede figures above that predate it. */
#include "kernel.h"

#define ELISH_2MS2_HI 0.5857864618301392f     /* 2 - sqrt2, split */
#define ELISH_2MS2_LO -2.4203234971764687e-08f
#define ELISH_2PS2 3.4142136573791504f        /* 2 + sqrt2 */
#define ELISH_X0_HI -0.8813735842704773f      /* ln(sqrt2 - 1), split */
#define ELISH_X0_LO -2.7490656417938908e-09f
#define ELISH_S2M1 0.4142135679721832f        /* sqrt2 - 1 */

V_INLINE vf elish_f(vf x, const vf *P)
{
    (void)P;
    vf e = vexp(-vabs(x)), r = 1.0f / (1.0f + e);
    vf em1 = vexpm1(vmax(x, vset(-104)));
    return vsel(x >= 0, x * r, em1 * (e * r));
}
V_INLINE vf elish_df(vf x, const vf *P)
{
    (void)P;
    vf xc = vmax(vmin(x, vset(100)), vset(-104));
    vf e = vexp(-vabs(xc)), r = 1.0f / (1.0f + e);
    vf pos = r * vfma(xc, e * r, vset(1));
    /* x < 0, from m = expm1(x) (e = 1 + m): f' = (1+m)(m + 2 + sqrt2)(m + 2 - sqrt2)/(2+m)^2;
       m + (2 - sqrt2) is summed with the constant split in two floats (the zero of f' at x0,
       where the sum cancels: m's rounding is then amplified by about f''s condition).
       Near 0 (x > -1/4) the same as (1+m)(2 + 4m + m^2)/(2+m)^2, in Horner form, where m's
       rounding is relative to m (small) and only the last operations round at full size. */
    vf m = vexpm1(vmin(xc, vset(0)));
    vf den = vfma(m, m + 4.0f, vset(4));
    vf num = vfma(m, vfma(m, m + 5.0f, vset(6)), vset(2));
    vf near0 = num / den;
    vf zf = (m + ELISH_2MS2_HI) + ELISH_2MS2_LO;
    vf neg = e * (m + ELISH_2PS2) * zf / den; /* e = e^x here: 1 + m would lose e^x's tail */
    /* x <= -0.44: the scalar's form, e (1 + (sqrt2-1) e) expm1(x - x0)/(1 + e)^2, in which
       x - x0_hi is exact (Sterbenz, x in [2 x0, x0/2]) and so the zero x0 is kept to its split */
    vf d = (xc - ELISH_X0_HI) - ELISH_X0_LO;
    vf far = e * vfma(e, vset(ELISH_S2M1), vset(1)) * vexpm1(d) / vfma(e, e + 2.0f, vset(1));
    return vsel(x >= 0, pos, vsel(x > -0.25f, near0, vsel(x > -0.44f, neg, far)));
}
/* every float within 2^17 of the worst sampled inputs (the test's exhaustive windows, densities 0.25-1.7,
   three ISAs): worst f 3.85, f' 4.52 ULP per unit of condition; the bounds below are ~15% over */
ACTIV_KERNEL(elish, 0, 4.5f, 4.8f, 0, NULL)
