/** "1860000.00" → "1,860,000.00" for reading; the API's decimal string is never turned into a float. */
function grouped(amount: string): string {
  const [whole = '', fraction] = amount.replace(/^-/, '').split('.');
  return `${amount.startsWith('-') ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction !== undefined ? `.${fraction}` : ''}`;
}

export const money = (amount: string, currency: string) => `${currency} ${grouped(amount)}`;
