; Reverse a tower of four: d c b a (d on top) becomes a b c d (a on top).
(define (problem blocks-4)
  (:domain blocks)
  (:objects a b c d)
  (:init (clear d) (on d c) (on c b) (on b a) (ontable a) (handempty))
  (:goal (and (on a b) (on b c) (on c d))))
