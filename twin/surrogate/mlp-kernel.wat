;; One dense layer of the surrogate's MLP in WebAssembly SIMD, for answering one position at a time
;; (twin/surrogate/simd-decoder.ts drives it; `npm run gen:wasm` compiles it into mlp-kernel.gen.ts).
;;
;;   y = x W^T + b, then max(y, 0) when `relu` is set.
;;
;; The weights are kept in blocks of 16 outputs: block k holds, input after input, the 16 weights of
;; its outputs for that input (64 bytes), so one block sums into four f32x4 registers with no stores
;; until its end. Inputs that are zero (about half of a ReLU layer's) are skipped: they are first
;; gathered into `list` as (byte offset of their weights in a block, value) pairs, which every block
;; then walks.
(module
  (memory (export "memory") 1)
  (func (export "layer")
    (param $w i32) (param $b i32) (param $x i32) (param $inputs i32)
    (param $y i32) (param $blocks i32) (param $relu i32) (param $list i32)
    (local $c i32) (local $v f32) (local $end i32) (local $p i32) (local $at i32) (local $stride i32)
    (local $s v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    ;; the non-zero inputs
    (local.set $end (local.get $list))
    (block $gathered
      (loop $gather
        (br_if $gathered (i32.ge_u (local.get $c) (local.get $inputs)))
        (local.set $v (f32.load (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 2)))))
        (if (f32.ne (local.get $v) (f32.const 0))
          (then
            (i32.store (local.get $end) (i32.shl (local.get $c) (i32.const 6)))
            (f32.store offset=4 (local.get $end) (local.get $v))
            (local.set $end (i32.add (local.get $end) (i32.const 8)))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $gather)))
    (local.set $stride (i32.shl (local.get $inputs) (i32.const 6)))
    ;; each block of 16 outputs: its biases plus the gathered inputs' weights
    (block $done
      (loop $block
        (br_if $done (i32.eqz (local.get $blocks)))
        (local.set $a0 (v128.load offset=0 (local.get $b)))
        (local.set $a1 (v128.load offset=16 (local.get $b)))
        (local.set $a2 (v128.load offset=32 (local.get $b)))
        (local.set $a3 (v128.load offset=48 (local.get $b)))
        (local.set $p (local.get $list))
        (block $summed
          (loop $sum
            (br_if $summed (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $at (i32.add (local.get $w) (i32.load (local.get $p))))
            (local.set $s (f32x4.splat (f32.load offset=4 (local.get $p))))
            (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load offset=0 (local.get $at)) (local.get $s))))
            (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $at)) (local.get $s))))
            (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 (local.get $at)) (local.get $s))))
            (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 (local.get $at)) (local.get $s))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br $sum)))
        (if (local.get $relu)
          (then
            (local.set $s (v128.const f32x4 0 0 0 0))
            (local.set $a0 (f32x4.pmax (local.get $a0) (local.get $s)))
            (local.set $a1 (f32x4.pmax (local.get $a1) (local.get $s)))
            (local.set $a2 (f32x4.pmax (local.get $a2) (local.get $s)))
            (local.set $a3 (f32x4.pmax (local.get $a3) (local.get $s)))))
        (v128.store offset=0 (local.get $y) (local.get $a0))
        (v128.store offset=16 (local.get $y) (local.get $a1))
        (v128.store offset=32 (local.get $y) (local.get $a2))
        (v128.store offset=48 (local.get $y) (local.get $a3))
        (local.set $b (i32.add (local.get $b) (i32.const 64)))
        (local.set $y (i32.add (local.get $y) (i32.const 64)))
        (local.set $w (i32.add (local.get $w) (local.get $stride)))
        (local.set $blocks (i32.sub (local.get $blocks) (i32.const 1)))
        (br $block)))))
