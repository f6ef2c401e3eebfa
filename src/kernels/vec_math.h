/*
 * Inline transcendentals for the vector layer, where SLEEF's were the
 * bottleneck (its erfcf is ~3 ns per element here, log1pf and expm1f ~0.6
 * and ~0.9): no tables, no branches on the common path, one source for
 * every instruction set.  Polynomial coefficients are minimax fits (Lawson's
 * algorithm on mpmath values, relative error weighted as in each comment),
 * rounded to float; each kernel's bound is measured by tests/test_kernels.c.
 * Included by vec.h (needs vfma, vexp, vsel).
 */
#ifndef ACTIV_VEC_MATH_H
#define ACTIV_VEC_MATH_H

typedef uint32_t vu __attribute__((vector_size(VW * 4))); /* bit arithmetic that may wrap */

/* a*b - p exactly, for p = a*b rounded (Dekker's product where there is no
   FMA; |a|, |b| < 2^60) */
V_INLINE vf vprod_lo(vf a, vf b, vf p)
{
#if defined(ACTIV_BUILD_AVX512) || defined(ACTIV_BUILD_AVX2)
    return vfma(a, b, -p);
#else
    vf ca = 4097.0f * a, ah = ca - (ca - a), al = a - ah;
    vf cb = 4097.0f * b, bh = cb - (cb - b), bl = b - bh;
    return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
#endif
}

/* e^(-s x^2) for s a power of two: x^2 carried as hi + lo, so that its
   rounding (x^2 times 2^-24, up to 2^-18 relative at x = 10) does not reach
   the result; e^(-s hi) (1 - s lo) */
V_INLINE vf vexp_negsq(vf x, float s)
{
    vf hi = x * x, lo = vprod_lo(x, x, hi);
    vf e = vexp(-s * hi);
    return vfma(-s * lo, e, e);
}

/*
 * erfcx(u) = e^(u^2) erfc(u) for u >= 0 (u > 10.6 is taken as 10.6, where
 * e^-u^2 is already 0 in float): F = t Q(t) with t = 1/(1 + u/2) in
 * [0.159, 1], Q of degree 10 in t - 0.2 (the centre where Horner's sum cancels
 * least: its terms' magnitudes add to at most 1.16 |Q|).  Fit: 2^-28
 * relative, coefficients rounded to float one by one from the top and the
 * rest refitted; the constant carries a low part.  One divide.
 * The rounding of t is worth up to 2.3 times its size in F (d ln F / d ln t
 * at u = 0), so it is undone to first order: t stands for u' = 2 (1/t - 1),
 * and u - u' = 2 (dl - d r) with d + dl = 1 + u/2 and r = 1 - t d exactly, and
 * erfcx(u) = F + erfcx'(u) (u - u'), erfcx' = 2 u erfcx - 2/sqrt(pi).
 */
V_INLINE vf verfcx(vf u)
{
    vf h = 0.5f * vmin(vset(10.6f), u);
    vf d = 1.0f + h;
    vf dl = h - (d - 1.0f); /* d - 1 is exact for d in [1, 6.3]; so is this (2Sum) */
    vf t = vrcp(d); /* its error is undone below with its rounding */
#if defined(ACTIV_BUILD_AVX512) || defined(ACTIV_BUILD_AVX2)
    vf r = vfma(-t, d, vset(1));
#else
    vf td = t * d, r = (1.0f - td) - vprod_lo(t, d, td);
#endif
    vf s = t - 0.2f;
    vf q = vset(3.649207577e-02f);
    q = vfma(q, s, vset(-1.223440766e-01f));
    q = vfma(q, s, vset(1.066639051e-01f));
    q = vfma(q, s, vset(7.561406493e-02f));
    q = vfma(q, s, vset(-1.141992807e-01f));
    q = vfma(q, s, vset(-9.973867238e-02f));
    q = vfma(q, s, vset(3.167238086e-02f));
    q = vfma(q, s, vset(2.297758758e-01f));
    q = vfma(q, s, vset(3.706664741e-01f));
    q = vfma(q, s, vset(4.044977427e-01f));
    q = vfma(q, s, vset(3.499258161e-01f));
    vf F = vfma(t, vset(1.372958147e-08f), t * q); /* the constant term's low part */
    vf du2 = vfma(-d, r, dl);                                /* (u - u')/2 */
    vf dF2 = vfma(8.0f * h, F, vset(-2.2567583341910252f)); /* 2 erfcx'(u) */
    return vfma(dF2, du2, F);
}

/* erfc(x) = e^-x^2 erfcx(|x|), or 2 minus that for x < 0 */
V_INLINE vf verfc(vf x)
{
    vf a = vmin(vset(10.6f), vabs(x));
    vf r = vexp_negsq(a, 1.0f) * verfcx(a);
    return vsel(x < 0, 2.0f - r, r);
}

/* erf(x): x P(x^2) for |x| < 0.85 (fit 2^-27 relative), as x + x (P - 1):
   |P - 1| < 0.15, so only the last addition rounds at the result's scale,
   with or without FMA; else +-(1 - erfc|x|), where erfc|x| < 0.23 erf|x| so the
   subtraction loses little */
V_INLINE vf verf(vf x)
{
    vf x2 = x * x;
    vf p = vset(-6.315133472e-04f);
    p = vfma(p, x2, vset(5.051095656e-03f));
    p = vfma(p, x2, vset(-2.680254838e-02f));
    p = vfma(p, x2, vset(1.128271742e-01f));
    p = vfma(p, x2, vset(-3.761257184e-01f));
    p = vfma(p, x2, vset(1.28379160e-01f)); /* c0 - 1 */
    vf small = vfma(x, p, x);
    vf a = vmin(vset(10.6f), vabs(x));
    vf big = vcopysign(1.0f - vexp_negsq(a, 1.0f) * verfcx(a), x);
    return vsel(vabs(x) < 0.85f, small, big);
}

/*
 * log1p(x), x > -1: 1 + x = 2^k m with m in [3/4, 3/2), and f = m - 1
 * formed as x 2^-k + (2^-k - 1) (the exponent shifted in the bits): exact
 * for k = 0 and, by Sterbenz, for k = 1 (x in [1/2, 2)): no rounding at all
 * for x in [-1/4, 2), which holds the softplus family's e^-|x| in (0, 1];
 * log1p(x) = k ln2 + f + f^2 Q(f), Q of degree 8 on [-1/4, 1/2] (fit
 * 2^-27.6 of log1p(f), coefficients rounded to float one by one from the
 * top and the rest refitted), summed so that only the last addition rounds
 * at the result's scale.
 * x outside (-1, 2^125), NaN and inf go to SLEEF (or libm), per vector.
 */
V_INLINE vf vlog1p_scalar_path(vf x);
/* k ln2 + log1p(f) for the reduced f in [-1/4, 1/2] */
V_INLINE vf vlog1p_reduced(vf f, vf kf)
{
    vf q = vset(-4.491627961e-02f);
    q = vfma(q, f, vset(1.044977754e-01f));
    q = vfma(q, f, vset(-1.316310763e-01f));
    q = vfma(q, f, vset(1.448213905e-01f));
    q = vfma(q, f, vset(-1.664769500e-01f));
    q = vfma(q, f, vset(1.999059319e-01f));
    q = vfma(q, f, vset(-2.500005662e-01f));
    q = vfma(q, f, vset(3.333345354e-01f));
    q = vfma(q, f, vset(-5.000000000e-01f));
    /* k ln2_hi + f in two parts (Fast2Sum: |k ln2| >= |f| unless k = 0,
       where the sum is f exactly): for k = 1 it cancels by up to 2.9 */
    vf hi = vfma(kf, vset(V_LN2_HI), f);
    vf lo = vfma(kf, vset(V_LN2_HI), -hi) + f;
    return hi + vfma(f * f, q, vfma(kf, vset(V_LN2_LO), lo));
}
V_INLINE vf vlog1p(vf x)
{
    vm bad = ~((x > -1.0f) & (x < 0x1p125f));
    vf m = x + 1.0f;
    /* in unsigned lanes: a bad lane's bits may wrap (it is replaced below) */
    vu kb = ((vu)m - 0x3f400000u) & 0xff800000u; /* k << 23 */
    vf f = (vf)((vu)x - kb) + ((vf)(0x3f800000u - kb) - 1.0f);
    vf y = vlog1p_reduced(f, __builtin_convertvector((vm)kb >> 23, vf));
    if (vany(bad)) y = vsel(bad, vlog1p_scalar_path(x), y);
    return y;
}

/* log1p(t) for t in [0, 1] only (softplus's e^-|x|): k is 0 or 1, and
   f = t or (t - 1)/2, exact (Sterbenz); no exponent arithmetic, no check */
V_INLINE vf vlog1p01(vf t)
{
    vm one = t >= 0.5f;
    vf f = vsel(one, 0.5f * (t - 1.0f), t);
    return vlog1p_reduced(f, vsel(one, vset(1), vset(0)));
}

/*
 * e^x - 1: x = k ln2 + r, |r| <= ln2/2 (Cody-Waite, exact in float), and
 * e^x - 1 = 2^k expm1(r) + (2^k - 1) with expm1(r) = r + r^2 P(r), P of
 * degree 5 (fit 2^-32).  Formed at half scale, 2 (2^(k-1) expm1(r) +
 * (2^(k-1) - 1/2)), so that k = 128 (x up to 88.8, e^x still finite below
 * 88.72) needs no special case (a subnormal result loses its last bit).
 * No select, no exp call.  For k = 0 it is
 * the polynomial alone; for k = -1 the final sum cancels by at most 1.7.
 * x is clamped to [-32, 88.8]: beyond, the float result is -1 or inf.
 */
V_INLINE vf vexpm1(vf x)
{
    vf xc = vmax(vset(-32.0f), vmin(vset(88.8f), x)); /* this order keeps a NaN */
    vf z = vfma(xc, vset(1.44269504088896341f), vset(0x1.8p23f));
    vf kf = z - 0x1.8p23f;
    vf r = vfma(-kf, vset(V_LN2_HI), xc);
    r = vfma(-kf, vset(V_LN2_LO), r);
    vf p = vset(1.984589886e-04f);
    p = vfma(p, r, vset(1.394089274e-03f));
    p = vfma(p, r, vset(8.333389951e-03f));
    p = vfma(p, r, vset(4.166635778e-02f));
    p = vfma(p, r, vset(1.666666637e-01f));
    p = vfma(p, r, vset(5.000000045e-01f));
    p = vfma(r * r, p, r);
    vf th = (vf)(((vu)__builtin_convertvector(kf, vm) + 126u) << 23); /* 2^(k-1) */
    return 2.0f * vfma(th, p, th - 0.5f);
}

#if defined(ACTIV_HAVE_SLEEF)
V_INLINE vf vlog1p_scalar_path(vf x) { return V_SLEEF(log1p, x); }
#else
V_INLINE vf vlog1p_scalar_path(vf x)
{
    for (int i = 0; i < VW; i++) x[i] = log1pf(x[i]);
    return x;
}
#endif

#endif
