/**
 * How a person is named in the portal's lists (tables, cards, pickers): « Nom Prénom », the same
 * order everywhere (issue 14 #22). Sentences keep « Prénom Nom ».
 */
export function listName(person: { lastName: string; firstName: string }): string {
  return `${person.lastName} ${person.firstName}`.trim();
}

/** « de Thomas Lefèvre », « d’Élodie Martin » (French elision before a vowel or a mute h). */
export function ofName(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûüœh]/i.test(name) ? `d’${name}` : `de ${name}`;
}
