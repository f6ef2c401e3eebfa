/*
 * HardELiSH: x for x > 1; x(x + 1)/2 on [0, 1]; expm1(x)(x + 1)/2 on
 * (-1, 0); 0 for x <= -1 (x + 1 is exact near -1, Sterbenz).
 * f' = 1, x + 1/2, (e^x (x + 2) - 1)/2, 0 (f'(1) = 3/2, f'(-1) = 0: the left
 * pieces, as the scalar).  On (-1, 0] f' is written as the scalar does,
 * (expm1(d) + d e^d e^x1)/2 with d = x - x1 and x1 = W(e^2) - 2 the zero
 * of f' (two terms of one sign); x1 is split in two floats, and d is
 * carried as s + t (s = x - x1_hi, t its rounding error by 2Sum, less
 * x1_lo) with the first-order term in t added; for -1/8 < x <= 0, far from
 * that zero, 2f' = expm1(x)(x + 2) + (x + 1), a small correction to ~1.
 * Constants: mpmath, rounded to float.
 * Error: SLEEF expm1f/expf u10.  Measured (all three ISAs): f 1.77 ULP per
 * unit of condition (near x = -0.16), f' 1.99 (generic; 1.87 with FMA)
 * near x = -0.19 (2.5 before the first-order term in t).
 */
/* Since vec.h's vexpm1 replaced SLEEF's expm1f (faster; up to ~2 ULP against 1),
   the bounds in the ACTIV_KERNEL line supersede figures above that predate it. */
#include "kernel.h"

#define HELISH_X1_HI -0.4428544044494629f
#define HELISH_X1_LO 3.447074403695183e-09f
#define HELISH_E1 0.6422007083892822f /* e^x1 = 1/W(e^2) */

V_INLINE vf hardelish_f(vf x, const vf *P)
{
    (void)P;
    vf xm = vmax(vmin(x, vset(0)), vset(-1));
    vf neg = 0.5f * vexpm1(xm) * (xm + 1.0f);
    vf mid = 0.5f * x * (x + 1.0f);
    return vsel(x > 1, x, vsel(x >= 0, mid, vsel(x > -1, neg, vset(0))));
}
V_INLINE vf hardelish_df(vf x, const vf *P)
{
    (void)P;
    vf xm = vmax(vmin(x, vset(0)), vset(-1));
    /* d = x - x1 as s + t: s = x - x1_hi rounded, t its rounding error (2Sum) less x1_lo; the
       first-order term in t restores what rounding d to a float would lose */
    vf a = vset(-HELISH_X1_HI), s = xm + a, bb = s - xm;
    vf t = ((xm - (s - bb)) + (a - bb)) - HELISH_X1_LO;
    vf es = vexp(s);
    vf neg = 0.5f * vfma(t * es, vfma(s + 1.0f, vset(HELISH_E1), vset(1)), vfma(s * es, vset(HELISH_E1), vexpm1(s)));
    /* near 0 (x > -1/8), far from the zero: 2f' = expm1(x)(x + 2) + (x + 1), a small correction to ~1 */
    vf near0 = 0.5f * vfma(vexpm1(xm), xm + 2.0f, xm + 1.0f);
    neg = vsel(x > -0.125f, near0, neg);
    return vsel(x > 1, vset(1), vsel(x > 0, x + 0.5f, vsel(x > -1, neg, vset(0))));
}
ACTIV_KERNEL(hardelish, 0, 2.4f, 2.5f, 0, NULL)
