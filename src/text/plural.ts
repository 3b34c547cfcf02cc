// `1 AMI`, `2 AMIs`, `1 retry`, `3 retries`: counts read as a person writes them.
export function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}
