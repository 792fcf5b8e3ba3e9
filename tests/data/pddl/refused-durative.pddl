(define (domain timed)
  (:requirements :strips :durative-actions)
  (:predicates (done)))
