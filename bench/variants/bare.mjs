// Express only: the baseline every other variant is compared with.
export async function install() {}
