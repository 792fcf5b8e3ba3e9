(define (domain briefcase)
  (:requirements :adl)
  (:predicates (at ?x ?l)))
