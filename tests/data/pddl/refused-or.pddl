(define (domain choice)
  (:requirements :strips)
  (:predicates (a) (b) (c))
  (:action go
    :parameters ()
    :precondition (or (a) (b))
    :effect (c)))
